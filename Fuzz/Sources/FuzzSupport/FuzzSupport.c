#include "FuzzSupport.h"

#include <stddef.h>
#include <stdint.h>

// Both come from the final executable: libFuzzer (linked by -sanitize=fuzzer) and the Swift target's
// @_cdecl("LLVMFuzzerTestOneInput") function.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int samenwijzer_fuzz_main(int argc, char **argv) {
    return LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput);
}
