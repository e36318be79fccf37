import Foundation

/// Turns libxml2's English messages into plain Dutch that a docent without XSD knowledge understands.
///
/// Only the messages authors actually meet are rephrased; anything else keeps libxml2's text after a Dutch
/// lead-in, so no information is lost. Each result carries a rule id for documentation and tests.
enum LibXMLMessages {
    struct Translation {
        var rule: String
        var message: String
        /// The attribute the message is about, to point the column at it.
        var attribute: String?
        /// The element the message is about, to point the column at it.
        var element: String?
    }

    // MARK: Schema (XSD) errors

    static func schema(_ raw: String) -> Translation {
        let text = stripNamespaces(raw)
        let element = firstQuoted(after: "Element '", in: text)
        let attribute = firstQuoted(after: "attribute '", in: text)
        let tag = element.map { "<\($0)>" } ?? "dit element"

        if text.contains("No matching global declaration available for the validation root") {
            return Translation(
                rule: "schema-root",
                message:
                    "Het hoofdelement moet <module xmlns=\"\(ModuleSchema.namespace)\"> zijn. Controleer de naam van het hoofdelement en het xmlns-attribuut.",
                element: element
            )
        }
        if text.contains("This element is not expected") {
            let expected = expectedList(in: text)
            var message = "Het element \(tag) hoort hier niet."
            if let expected { message += " Op deze plek verwacht Samenwijzer \(expected)." }
            message += " Controleer de spelling en de volgorde van de elementen."
            return Translation(rule: "schema-unexpected-element", message: message, element: element)
        }
        if text.contains("Missing child element(s)") {
            let expected = expectedList(in: text) ?? "een ander element"
            return Translation(
                rule: "schema-missing-element",
                message: "In \(tag) ontbreekt nog iets: voeg \(expected) toe.",
                element: element
            )
        }
        if text.contains("is required but missing"), let attribute {
            return Translation(
                rule: "schema-missing-attribute",
                message: "Bij \(tag) ontbreekt het verplichte attribuut \(attribute)=\"…\". Voeg het toe.",
                attribute: nil,
                element: element
            )
        }
        if text.contains("is not allowed"), text.contains("attribute"), let attribute {
            return Translation(
                rule: "schema-unknown-attribute",
                message: "Het attribuut \(attribute) is niet toegestaan bij \(tag). Controleer de spelling of haal het weg.",
                attribute: attribute,
                element: element
            )
        }
        if text.contains("Character content other than whitespace is not allowed") {
            return Translation(
                rule: "schema-text-not-allowed",
                message: "In \(tag) mag geen losse tekst staan. Zet de tekst in een passend element, bijvoorbeeld <p>.",
                element: element
            )
        }
        if text.contains("[facet 'enumeration']") {
            let value = firstQuoted(after: "The value '", in: text) ?? ""
            let allowed = between("{", "}", in: text).map { $0.replacingOccurrences(of: "'", with: "") } ?? ""
            return Translation(
                rule: "schema-invalid-value",
                message: "De waarde \"\(value)\"\(attributeClause(attribute, tag)) is niet toegestaan. Kies uit: \(allowed).",
                attribute: attribute,
                element: element
            )
        }
        if text.contains("[facet 'pattern']") {
            let value = firstQuoted(after: "The value '", in: text) ?? ""
            let hint =
                attribute == "id" || attribute == "ref"
                ? "Een id bestaat uit kleine letters, cijfers en streepjes (bijvoorbeeld wat-is-dementie) en is hoogstens 64 tekens."
                : "Bekijk in de handleiding welke vorm hier nodig is."
            return Translation(
                rule: "schema-invalid-value",
                message: "De waarde \"\(value)\"\(attributeClause(attribute, tag)) heeft niet de goede vorm. \(hint)",
                attribute: attribute,
                element: element
            )
        }
        if text.contains("[facet 'minLength']") || (text.contains("[facet 'pattern']") && text.contains("''")) {
            return Translation(
                rule: "schema-empty-value",
                message: "\(attribute.map { "Het attribuut \($0) bij \(tag)" } ?? "Het element \(tag)") mag niet leeg zijn.",
                attribute: attribute,
                element: element
            )
        }
        if text.contains("[facet 'maxInclusive']") || text.contains("[facet 'minInclusive']")
            || text.contains("[facet 'minExclusive']")
        {
            let value = firstQuoted(after: "The value '", in: text) ?? ""
            let limit = lastQuoted(in: text) ?? ""
            let direction = text.contains("maxInclusive") ? "hoogstens" : (text.contains("minExclusive") ? "meer dan" : "minstens")
            return Translation(
                rule: "schema-invalid-value",
                message: "De waarde \(value)\(attributeClause(attribute, tag)) is buiten het bereik: die moet \(direction) \(limit) zijn.",
                attribute: attribute,
                element: element
            )
        }
        if text.contains("is not a valid value of the atomic type") || text.contains("is not a valid value of the local atomic type") {
            let value = firstQuoted(after: "': '", in: text) ?? firstQuoted(after: "The value '", in: text) ?? ""
            let type = lastQuoted(in: text) ?? ""
            return Translation(
                rule: "schema-invalid-value",
                message: "De waarde \"\(value)\"\(attributeClause(attribute, tag)) is niet geldig. \(typeHint(type))",
                attribute: attribute,
                element: element
            )
        }
        return Translation(
            rule: "schema",
            message: "Dit past niet bij het moduleformaat: \(text)",
            attribute: attribute,
            element: element
        )
    }

    private static func attributeClause(_ attribute: String?, _ tag: String) -> String {
        attribute.map { " van \($0) bij \(tag)" } ?? " in \(tag)"
    }

    private static func typeHint(_ type: String) -> String {
        switch type {
        case "xs:boolean": return "Gebruik true of false."
        case "xs:positiveInteger": return "Gebruik een heel getal groter dan 0."
        case "xs:nonNegativeInteger": return "Gebruik een heel getal (0 of meer)."
        case "xs:integer": return "Gebruik een heel getal."
        case "xs:decimal": return "Gebruik een getal met een punt, bijvoorbeeld 1.5."
        case "xs:language": return "Gebruik een taalcode, bijvoorbeeld nl."
        case "xs:anyURI": return "Gebruik een volledig webadres."
        default: return "Bekijk in de handleiding welke waarden hier kunnen."
        }
    }

    /// `Expected is ( {ns}quiz )` or `Expected is one of ( a, b )` → `<quiz>` or `<a> of <b>`.
    private static func expectedList(in text: String) -> String? {
        guard let marker = text.range(of: "Expected is") else { return nil }
        let rest = text[marker.upperBound...]
        guard let open = rest.firstIndex(of: "("), let close = rest.lastIndex(of: ")"), open < close else { return nil }
        let names = rest[rest.index(after: open)..<close]
            .split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("##") }
            .map { "<\($0)>" }
        guard !names.isEmpty else { return nil }
        if names.count == 1 { return names[0] }
        return names.dropLast().joined(separator: ", ") + " of " + names.last!
    }

    // MARK: Well-formedness (parser) errors

    static func parser(_ raw: String) -> Translation {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        func translation(_ message: String) -> Translation {
            Translation(rule: "xml-syntax", message: message)
        }
        if text.hasPrefix("Opening and ending tag mismatch") {
            // "Opening and ending tag mismatch: p line 5 and page"
            let parts = text.split(separator: " ")
            if let colon = parts.firstIndex(of: "mismatch:"), parts.count > colon + 5 {
                let open = parts[colon + 1]
                let openLine = parts[colon + 3]
                let close = parts[colon + 5]
                return translation(
                    "De eindtag </\(close)> past niet bij de begintag <\(open)> van regel \(openLine). Sluit <\(open)> eerst af met </\(open)>."
                )
            }
            return translation("Een begintag en een eindtag passen niet bij elkaar: \(text)")
        }
        if text.hasPrefix("Premature end of data in tag") {
            let parts = text.split(separator: " ")
            let tag = parts.count > 6 ? String(parts[6]) : "?"
            return translation("Het bestand houdt op terwijl <\(tag)> nog open is. Voeg </\(tag)> toe.")
        }
        if text.contains("Document is empty") || text.contains("Start tag expected") {
            return translation("Er staat geen XML in dit bestand. Begin met <module xmlns=\"\(ModuleSchema.namespace)\" …>.")
        }
        if text.contains("Extra content at the end of the document") {
            return translation("Na de eindtag </module> staat nog iets. Alles moet binnen <module> … </module> staan.")
        }
        if text.contains("xmlParseEntityRef: no name") || text.contains("EntityRef: expecting ';'") {
            return translation("Een losse & is niet toegestaan in XML. Schrijf &amp; in plaats van &.")
        }
        if text.hasPrefix("Entity '"), text.hasSuffix("not defined") {
            let name = firstQuoted(after: "Entity '", in: text) ?? "?"
            return translation("De code &\(name); bestaat niet in XML. Typ het teken zelf (UTF-8), of gebruik &amp; &lt; &gt; &quot; &apos;.")
        }
        if text.contains("Detected an entity reference loop") || text.contains("entity reference loop")
            || text.contains("Maximum entity amplification")
        {
            return Translation(
                rule: "xml-entities",
                message:
                    "Het bestand gebruikt entiteiten die zichzelf steeds opnieuw uitbreiden. Dat is niet toegestaan: haal de <!DOCTYPE> en de entiteiten weg."
            )
        }
        if text.contains("Excessive depth in document") {
            return Translation(
                rule: "xml-too-deep",
                message: "De elementen zijn te diep in elkaar genest (meer dan 256 niveaus). Maak de structuur platter."
            )
        }
        if text.contains("Couldn't find end of Start Tag") || text.contains("attributes construct error") {
            return translation("Een begintag is niet goed afgesloten. Controleer de aanhalingstekens van de attributen en de > aan het eind.")
        }
        if text.contains("AttValue: \" or ' expected") || text.contains("Specification mandates value for attribute") {
            return translation("Een attribuut heeft geen waarde tussen aanhalingstekens. Schrijf bijvoorbeeld id=\"les-1\".")
        }
        if text.contains("Attribute") && text.contains("redefined") {
            return translation("Een attribuut staat twee keer in dezelfde tag. Haal er één weg.")
        }
        if text.contains("StartTag: invalid element name") {
            return translation("Na < staat geen geldige elementnaam. Wil je het teken < in tekst gebruiken, schrijf dan &lt;.")
        }
        if text.contains("Input is not proper UTF-8") {
            return Translation(rule: "encoding", message: "Het bestand is niet in UTF-8 opgeslagen. Sla het op als UTF-8 in je editor.")
        }
        if text.contains("Comment not terminated") {
            return translation("Een commentaar <!-- is niet afgesloten met -->.")
        }
        return translation("Het bestand is geen geldige XML: \(text)")
    }

    // MARK: Helpers

    /// Replaces `{urn:samenwijzer:module:1}name` by `name` so messages speak of the elements the author typed.
    static func stripNamespaces(_ text: String) -> String {
        text.replacingOccurrences(of: "{\(ModuleSchema.namespace)}", with: "")
    }

    static func firstQuoted(after prefix: String, in text: String) -> String? {
        guard let start = text.range(of: prefix) else { return nil }
        let rest = text[start.upperBound...]
        guard let end = rest.firstIndex(of: "'") else { return nil }
        return String(rest[..<end])
    }

    static func lastQuoted(in text: String) -> String? {
        guard let close = text.lastIndex(of: "'") else { return nil }
        let before = text[..<close]
        guard let open = before.lastIndex(of: "'") else { return nil }
        return String(text[text.index(after: open)..<close])
    }

    static func between(_ open: Character, _ close: Character, in text: String) -> String? {
        guard let start = text.firstIndex(of: open), let end = text[start...].firstIndex(of: close) else { return nil }
        return String(text[text.index(after: start)..<end])
    }
}
