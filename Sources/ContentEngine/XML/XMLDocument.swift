import CLibXML2
import Foundation

/// A parsed libxml2 document. Owns the C tree and frees it; used only inside one loading call.
final class ParsedXML {
    let document: xmlDocPtr

    private init(document: xmlDocPtr) {
        self.document = document
    }

    deinit { xmlFreeDoc(document) }

    var root: XMLElement? { xmlDocGetRootElement(document).map(XMLElement.init) }

    /// True when the file has a `<!DOCTYPE …>`: authored modules never need one, and refusing it closes the
    /// door on entity tricks (external entities, expansion bombs) whatever the parser would do with them.
    var hasDoctype: Bool { document.pointee.intSubset != nil || document.pointee.extSubset != nil }

    /// Parses UTF-8 bytes without network, external entities or DTD loading. Returns the document (nil when not
    /// well-formed) and every problem libxml2 reported.
    ///
    /// The document gets no URL on purpose. With one, libxml2 (2.9) walks every preceding sibling and ancestor of a
    /// node for each error it raises, looking for an XInclude start (error.c); a page of 50,000 invalid elements then
    /// took minutes (found by fuzzing, `Fuzz/crashers/module-loader/`). We never resolve anything against the URL,
    /// and diagnostics carry our own path.
    static func parse(_ bytes: UnsafeRawBufferPointer) -> (ParsedXML?, [LibXMLIssue]) {
        _ = LibXML.initialized
        let collector = LibXMLIssueCollector()
        let context = Unmanaged.passUnretained(collector).toOpaque()
        // The structured error handler is thread-local in libxml2, so concurrent loads do not mix their errors.
        xmlSetStructuredErrorFunc(context, LibXMLIssueCollector.callback)
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        let document = withExtendedLifetime(collector) {
            bytes.withMemoryRebound(to: CChar.self) { chars in
                xmlReadMemory(chars.baseAddress, Int32(chars.count), nil, nil, LibXML.parseOptions)
            }
        }
        guard let document else { return (nil, collector.issues) }
        return (ParsedXML(document: document), collector.issues)
    }
}

/// A thin, non-owning view of an element node. Valid while its `ParsedXML` lives.
struct XMLElement {
    let node: xmlNodePtr

    init(_ node: xmlNodePtr) { self.node = node }

    var name: String { String(cString: node.pointee.name) }

    var namespaceURI: String? { node.pointee.ns.flatMap { $0.pointee.href }.map { String(cString: $0) } }

    var line: Int { Int(xmlGetLineNo(node)) }

    /// The value of an attribute without namespace, or nil when absent.
    func attribute(_ name: String) -> String? {
        guard let value = xmlGetNoNsProp(node, name) else { return nil }
        defer { sw_xmlFree(value) }
        return String(cString: value)
    }

    /// The value of an attribute in a namespace (e.g. `xml:lang`).
    func attribute(_ name: String, namespace: String) -> String? {
        guard let value = xmlGetNsProp(node, name, namespace) else { return nil }
        defer { sw_xmlFree(value) }
        return String(cString: value)
    }

    /// The element children, in document order.
    var children: [XMLElement] {
        var result: [XMLElement] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { result.append(XMLElement(current)) }
            child = current.pointee.next
        }
        return result
    }

    /// Element children with this name, compared as C strings (no Swift string per child).
    func children(named name: String) -> [XMLElement] {
        var result: [XMLElement] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE, xmlStrEqual(current.pointee.name, name) != 0 { result.append(XMLElement(current)) }
            child = current.pointee.next
        }
        return result
    }

    func firstChild(named name: String) -> XMLElement? {
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE, xmlStrEqual(current.pointee.name, name) != 0 {
                return XMLElement(current)
            }
            child = current.pointee.next
        }
        return nil
    }

    /// All text inside the element, whitespace collapsed to single spaces and trimmed.
    var text: String {
        guard let content = xmlNodeGetContent(node) else { return "" }
        defer { sw_xmlFree(content) }
        return String(cString: content).collapsingWhitespace()
    }
}

extension String {
    /// Runs of XML whitespace (space, tab, CR, LF: the newlines and indentation of pretty-printed XML) become
    /// one space; leading and trailing whitespace goes. Works on bytes: Character-level checks cost grapheme
    /// breaking and dominated loading time.
    func collapsingWhitespace() -> String {
        if isCollapsed { return self }
        var output: [UInt8] = []
        output.reserveCapacity(utf8.count)
        var pendingSpace = false
        for byte in utf8 {
            if byte.isXMLWhitespace {
                pendingSpace = !output.isEmpty
            } else {
                if pendingSpace {
                    output.append(0x20)
                    pendingSpace = false
                }
                output.append(byte)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// True when there is nothing to collapse: no tab/CR/LF, no double space, no space at either end.
    private var isCollapsed: Bool {
        var previousWasSpace = true
        for byte in utf8 {
            if byte == 0x20 {
                if previousWasSpace { return false }
                previousWasSpace = true
            } else if byte.isXMLWhitespace {
                return false
            } else {
                previousWasSpace = false
            }
        }
        return !previousWasSpace || isEmpty
    }

    var startsWithXMLWhitespace: Bool { utf8.first?.isXMLWhitespace ?? false }
    var endsWithXMLWhitespace: Bool { utf8.last?.isXMLWhitespace ?? false }
}

extension UInt8 {
    var isXMLWhitespace: Bool { self == 0x20 || self == 0x09 || self == 0x0A || self == 0x0D }
}
