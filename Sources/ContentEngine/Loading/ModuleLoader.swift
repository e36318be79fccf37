import Foundation

/// Loads one `module.xml`: size and encoding checks, well-formedness, XSD, the semantic rules and the authoring
/// lint. Once the file is well-formed, the semantic rules and the lint run even when the schema found errors, on
/// whatever parsed, so an author sees every problem in one pass.
public struct ModuleLoader: Sendable {
    /// Files above this size are refused before parsing; a real module is a few hundred kilobytes.
    public var maximumFileSize: Int

    public let schema: ModuleSchema
    /// Vakwoorden for the `jargon` lint (`Assets/lint/jargon.txt`); empty means the rule finds nothing.
    public let jargon: JargonList

    public init(schema: ModuleSchema, jargon: JargonList = JargonList(), maximumFileSize: Int = 20 * 1024 * 1024) {
        self.schema = schema
        self.jargon = jargon
        self.maximumFileSize = maximumFileSize
    }

    /// Loads the module in `file`. `displayPath` is how diagnostics name the file (relative paths read best).
    /// The module is nil when there is at least one error; warnings come with a module.
    public func load(file: URL, displayPath: String? = nil) -> (module: Module?, diagnostics: [Diagnostic]) {
        let path = displayPath ?? file.path
        func failure(_ rule: String, _ message: String, line: Int = 0, column: Int = 0) -> (Module?, [Diagnostic]) {
            (nil, [Diagnostic(.error, rule: rule, message, file: path, line: line, column: column)])
        }

        let bytes: [UInt8]
        switch readBounded(file) {
        case .success(let read): bytes = read
        case .failure(let problem): return failure(problem.rule, problem.message)
        }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            return failure(
                "file-empty",
                "Het bestand is leeg. Begin met <module xmlns=\"\(ModuleSchema.namespace)\" …>; kopieer eventueel modules/voorbeeld/module.xml."
            )
        }
        if let problem = EncodingCheck.firstProblem(in: bytes) {
            return failure("encoding", problem.message, line: problem.location.line, column: problem.location.column)
        }

        let source = SourceText(bytes: bytes)
        let (parsed, parseIssues) = bytes.withUnsafeBytes { ParsedXML.parse($0) }
        var diagnostics = parseIssues.filter { !$0.isWarning || parsed != nil }.map { issue -> Diagnostic in
            let translation = LibXMLMessages.parser(issue.message)
            return Diagnostic(
                issue.isWarning ? .warning : .error,
                rule: translation.rule,
                translation.message,
                file: path,
                line: issue.line,
                column: issue.column
            )
        }
        guard let parsed, let root = parsed.root else {
            if diagnostics.isEmpty { return failure("xml-syntax", "Het bestand is geen geldige XML.") }
            return (nil, diagnostics)
        }
        if parsed.hasDoctype {
            diagnostics.append(
                Diagnostic(
                    .error,
                    rule: "doctype-not-allowed",
                    "Een module mag geen <!DOCTYPE> of eigen entiteiten hebben. Haal de regel met <!DOCTYPE …> weg en typ speciale tekens gewoon in UTF-8.",
                    file: path,
                    line: 1,
                    column: 1
                )
            )
            return (nil, diagnostics)
        }
        let schemaProblems = schemaDiagnostics(parsed, source: source, path: path)
        diagnostics += schemaProblems
        // With another root or namespace nothing below would match the format: the schema's message is the one to fix.
        guard root.name == "module", root.namespaceURI == ModuleSchema.namespace else { return (nil, diagnostics) }

        let reader = ModuleReader(file: path, folder: file.deletingLastPathComponent(), source: source)
        let module = reader.read(root)
        diagnostics += Self.withoutRepeats(of: schemaProblems, in: reader.diagnostics)
        diagnostics += ModuleLinter(file: path, source: source, jargon: jargon).lint(root)
        return (diagnostics.hasErrors ? nil : module, diagnostics)
    }

    /// Where the schema and a semantic rule point at the same spot (a truefalse question with one choice is both
    /// "an element is missing" and "the key needs two choices"), the schema's message is kept: it came first and
    /// says what to add. The reader itself skips what the schema reports for sure (a missing id, src, ref or href).
    static func withoutRepeats(of schemaProblems: [Diagnostic], in semantic: [Diagnostic]) -> [Diagnostic] {
        let taken = Set(schemaProblems.filter { $0.severity == .error && $0.line > 0 }.map { [$0.line, $0.column] })
        return semantic.filter { $0.severity != .error || !taken.contains([$0.line, $0.column]) }
    }

    private func schemaDiagnostics(_ parsed: ParsedXML, source: SourceText, path: String) -> [Diagnostic] {
        var result: [Diagnostic] = []
        var previous: (line: Int, attribute: String?, facet: Bool)?
        for issue in schema.validate(parsed) {
            let translation = LibXMLMessages.schema(issue.message)
            // libxml2 follows a facet error with "… is not a valid value of the atomic type" for the same value:
            // one problem, one diagnostic.
            let isFacet = issue.message.contains("[facet")
            if let previous, previous.facet, previous.line == issue.line, previous.attribute == translation.attribute,
                issue.message.contains("is not a valid value of")
            {
                continue
            }
            previous = (issue.line, translation.attribute, isFacet)
            let location = source.column(
                line: issue.line,
                element: translation.element ?? issue.elementName,
                attribute: translation.attribute
            )
            result.append(
                Diagnostic(
                    issue.isWarning ? .warning : .error,
                    rule: translation.rule,
                    translation.message,
                    file: path,
                    line: location.line,
                    column: location.column
                )
            )
        }
        return result
    }

    private struct ReadProblem: Error {
        var rule: String
        var message: String
    }

    /// Reads at most `maximumFileSize + 1` bytes, so a huge file costs no more memory than the limit.
    private func readBounded(_ file: URL) -> Result<[UInt8], ReadProblem> {
        guard let handle = try? FileHandle(forReadingFrom: file) else {
            return .failure(
                ReadProblem(rule: "file-unreadable", message: "Het bestand kan niet gelezen worden. Bestaat het en mag samenwijzer het lezen?")
            )
        }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: maximumFileSize + 1)) ?? Data()
        if data.count > maximumFileSize {
            let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? data.count
            return .failure(
                ReadProblem(
                    rule: "file-too-large",
                    message:
                        "Het bestand is \(Self.megabytes(size)) MB; de grens is \(Self.megabytes(maximumFileSize)) MB. Splits de module of haal ingesloten gegevens weg (media horen in de map media/)."
                )
            )
        }
        return .success([UInt8](data))
    }

    static func megabytes(_ bytes: Int) -> String {
        DutchNumber.oneDecimal(Double(bytes) / 1_048_576)
    }
}
