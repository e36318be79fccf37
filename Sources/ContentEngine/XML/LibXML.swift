import CLibXML2
import Foundation

/// One-time libxml2 set-up and small helpers around its C API.
enum LibXML {
    /// `xmlInitParser` must run once before threads use libxml2; the refusing entity loader guarantees that no
    /// module (or schema) can make the parser read a local file or the network.
    static let initialized: Void = {
        xmlInitParser()
        sw_installRefusingEntityLoader()
    }()

    static var version: String { String(cString: sw_libxmlVersion()) }

    /// Parser options for authored content. Deliberately absent: NOENT (expands external entities), DTDLOAD,
    /// DTDATTR and XINCLUDE. BIG_LINES keeps line numbers above 65535 right; COMPACT stores short text inside
    /// the node (fewer allocations; we never modify the tree).
    static let parseOptions: Int32 = Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue
    )
}

/// A problem reported by libxml2 (parser or schema validator), before it is turned into a `Diagnostic`.
struct LibXMLIssue: Sendable {
    var line: Int
    var column: Int
    var message: String
    var isWarning: Bool
    /// The element the schema validator complained about (local name), when known.
    var elementName: String?
}

/// Collects libxml2's structured errors; passed to C as an opaque pointer.
final class LibXMLIssueCollector {
    var issues: [LibXMLIssue] = []
    /// Many broken files repeat the same error thousands of times; the author needs the first ones.
    let limit = 200

    func add(_ error: UnsafePointer<xmlError>) {
        guard issues.count < limit else { return }
        let raw = error.pointee.message.map { String(cString: $0) } ?? "unknown error"
        var elementName: String?
        var line = Int(error.pointee.line)
        if let nodePointer = error.pointee.node {
            let node = nodePointer.assumingMemoryBound(to: xmlNode.self)
            if node.pointee.type == XML_ELEMENT_NODE, let name = node.pointee.name {
                elementName = String(cString: name)
            }
            if line == 0 { line = Int(xmlGetLineNo(node)) }
        }
        issues.append(
            LibXMLIssue(
                line: line,
                column: Int(error.pointee.int2),
                message: raw.trimmingCharacters(in: .whitespacesAndNewlines),
                isWarning: error.pointee.level == XML_ERR_WARNING,
                elementName: elementName
            )
        )
    }

    /// The C callback: libxml2 calls it with the collector we registered as context.
    static let callback: xmlStructuredErrorFunc = { context, error in
        guard let context, let error else { return }
        Unmanaged<LibXMLIssueCollector>.fromOpaque(context).takeUnretainedValue().add(error)
    }
}
