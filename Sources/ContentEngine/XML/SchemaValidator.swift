import CLibXML2
import Foundation

/// The compiled module XSD. libxml2 allows one compiled schema to be shared across threads as long as every
/// validation has its own validation context, which `validate` creates.
public final class ModuleSchema: @unchecked Sendable {
    /// The namespace every module element lives in.
    public static let namespace = "urn:samenwijzer:module:1"

    private let schema: xmlSchemaPtr
    public let location: URL

    public enum LoadError: Error, CustomStringConvertible {
        case unreadable(URL, String)
        case invalid(URL, [String])

        public var description: String {
            switch self {
            case .unreadable(let url, let reason):
                return
                    "Het schema \(url.path) kan niet gelezen worden (\(reason)). Start samenwijzer in de map van het project of geef de map met --assets op."
            case .invalid(let url, let problems):
                return "Het schema \(url.path) is zelf ongeldig: \(problems.joined(separator: "; "))"
            }
        }
    }

    /// Compiles the XSD at `url` (normally `Assets/schema/module.xsd`, the same file editors point at).
    public init(contentsOf url: URL) throws {
        _ = LibXML.initialized
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw LoadError.unreadable(url, error.localizedDescription) }
        let collector = LibXMLIssueCollector()
        let context = Unmanaged.passUnretained(collector).toOpaque()
        xmlSetStructuredErrorFunc(context, LibXMLIssueCollector.callback)
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        let compiled: xmlSchemaPtr? = withExtendedLifetime(collector) {
            data.withUnsafeBytes { bytes in
                guard let parserContext = xmlSchemaNewMemParserCtxt(bytes.baseAddress, Int32(bytes.count)) else { return nil }
                defer { xmlSchemaFreeParserCtxt(parserContext) }
                xmlSchemaSetParserStructuredErrors(parserContext, LibXMLIssueCollector.callback, context)
                return xmlSchemaParse(parserContext)
            }
        }
        guard let compiled else { throw LoadError.invalid(url, collector.issues.map(\.message)) }
        self.schema = compiled
        self.location = url
    }

    deinit { xmlSchemaFree(schema) }

    /// Validates a parsed document; every problem is returned, not only the first.
    func validate(_ document: ParsedXML) -> [LibXMLIssue] {
        guard let validation = xmlSchemaNewValidCtxt(schema) else {
            return [LibXMLIssue(line: 0, column: 0, message: "could not create a validation context", isWarning: false)]
        }
        defer { xmlSchemaFreeValidCtxt(validation) }
        let collector = LibXMLIssueCollector()
        withExtendedLifetime(collector) {
            xmlSchemaSetValidStructuredErrors(validation, LibXMLIssueCollector.callback, Unmanaged.passUnretained(collector).toOpaque())
            _ = xmlSchemaValidateDoc(validation, document.document)
        }
        return collector.issues
    }
}
