#ifndef SAMENWIJZER_FUZZ_SUPPORT_H
#define SAMENWIJZER_FUZZ_SUPPORT_H

/// Runs libFuzzer (its command-line options, corpus folders, -runs, …) over this executable's
/// `LLVMFuzzerTestOneInput`.
///
/// Why not libFuzzer's own `main`: SwiftPM links every Swift executable target on Linux with
/// `--defsym main=<Target>_main` (so tests can link executables), and `-parse-as-library` code has no
/// `<Target>_main`, so the link fails. Each fuzz target therefore defines `@_cdecl("<Target>_main")` and calls
/// this, which hands over to libFuzzer through its public `LLVMFuzzerRunDriver`.
int samenwijzer_fuzz_main(int argc, char **argv);

#endif
