import ContentEngine
import Foundation
import FuzzSupport

// libFuzzer target: every input is the bytes of one module.xml, checked exactly as `samenwijzer validate` checks
// it: CatalogLoader → ModuleLoader (size, encoding, well-formedness, XSD, semantic rules), then the text and JSON
// report. Diagnostics are normal results; a Swift trap, an ASan report, a leak or a hang is a finding.
//
// ContentEngine has no in-memory entry point (ModuleLoader.load takes a file URL and reads media next to it),
// so each input is written to one per-process folder, `<tmp>/samenwijzer-fuzz-<pid>/fuzzmod/module.xml`, with a
// `media/` folder holding the reference module's media file names, so media checks see both found and missing files.

/// Fuzz/, found from this file's path (Fuzz/Sources/FuzzModuleLoader/FuzzModuleLoader.swift).
private let fuzzFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Compiled once per process: the same Assets/schema/module.xsd the CLI uses (SAMENWIJZER_ASSETS overrides the folder).
private let schema: ModuleSchema = {
    let assets =
        ProcessInfo.processInfo.environment["SAMENWIJZER_ASSETS"].map { URL(fileURLWithPath: $0) }
        ?? fuzzFolder.deletingLastPathComponent().appendingPathComponent("Assets")
    let url = assets.appendingPathComponent("schema/module.xsd").standardizedFileURL
    do { return try ModuleSchema(contentsOf: url) } catch {
        fatalError("FuzzModuleLoader: the module schema does not load (\(url.path)): \(error)")
    }
}()

private let catalogLoader = CatalogLoader(loader: ModuleLoader(schema: schema))

/// `<tmp>/samenwijzer-fuzz-<pid>`: removed at exit.
private let workRoot = FileManager.default.temporaryDirectory
    .appendingPathComponent("samenwijzer-fuzz-\(ProcessInfo.processInfo.processIdentifier)")
private let moduleFolder = workRoot.appendingPathComponent("fuzzmod")
private let moduleFile = moduleFolder.appendingPathComponent("module.xml")

/// Creates the module folder once; a failure here is a broken setup, not a finding in the loader.
/// Also removes the folders of earlier runs whose process is gone: libFuzzer leaves with `_Exit` after a crash or
/// timeout, so the `atexit` cleanup does not run then.
private let prepared: Bool = {
    let temporary = FileManager.default.temporaryDirectory
    for name in (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? []
    where name.hasPrefix("samenwijzer-fuzz-") {
        guard let pid = pid_t(name.dropFirst("samenwijzer-fuzz-".count)), kill(pid, 0) != 0, errno == ESRCH else { continue }
        try? FileManager.default.removeItem(at: temporary.appendingPathComponent(name))
    }
    let media = moduleFolder.appendingPathComponent("media")
    do { try FileManager.default.createDirectory(at: media, withIntermediateDirectories: true) } catch {
        fatalError("FuzzModuleLoader: cannot create \(media.path): \(error)")
    }
    let files = [
        "zorgdriehoek.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"/>",
        "a.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        "uitleg.webm": "webm",
        "uitleg.vtt": "WEBVTT\n\n00:00.000 --> 00:01.000\nUitleg\n",
        "fragment.ogg": "OggS",
        "v.webm": "webm",
    ]
    for (name, content) in files {
        _ = FileManager.default.createFile(atPath: media.appendingPathComponent(name).path, contents: Data(content.utf8))
    }
    atexit { try? FileManager.default.removeItem(at: workRoot) }
    return true
}()

/// FUZZ_PRINT=1 writes each input's text report to stderr: for looking at a crasher or a seed, not for fuzzing.
private let printReports = ProcessInfo.processInfo.environment["FUZZ_PRINT"] == "1"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzModuleLoader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    precondition(prepared)
    let bytes = data.map { Data(bytes: $0, count: size) } ?? Data()
    guard FileManager.default.createFile(atPath: moduleFile.path, contents: bytes) else {
        fatalError("FuzzModuleLoader: cannot write \(moduleFile.path)")
    }
    // As ValidateCommand: a module folder as the path, diagnostics relative to a base folder, then both reports.
    let result = catalogLoader.load(paths: [moduleFolder], relativeTo: workRoot)
    let report = ValidationReport(result: result)
    let text = report.text
    let json = report.json
    if printReports { FileHandle.standardError.write(Data(text.utf8)) }
    // Keep the reports from being optimised away and sanity-check what validate promises.
    if result.filesChecked != 1 || text.isEmpty || json.isEmpty {
        fatalError("FuzzModuleLoader: unexpected report: \(result.filesChecked) files, \(text.count) text, \(json.count) json")
    }
    if result.diagnostics.hasErrors != result.catalog.modules.isEmpty {
        fatalError("FuzzModuleLoader: a module with errors was kept, or one without errors was dropped")
    }
    return 0
}

/// The executable's entry point: SwiftPM aliases `main` to `<Target>_main`; libFuzzer takes over from here.
@_cdecl("FuzzModuleLoader_main")
public func fuzzModuleLoaderMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    samenwijzer_fuzz_main(argc, argv)
}
