// zlib: gzip responses and the pre-compressed lesson pages (raw deflate segments, crc32_combine).
#include <zlib.h>

// deflateInit2 and inflateInit2 are macros (they pass ZLIB_VERSION and sizeof(z_stream)): Swift imports no
// function-like macros, so these inline functions stand in for them.
static inline int sw_deflate_init(z_streamp stream, int level, int windowBits, int memLevel) {
    return deflateInit2(stream, level, Z_DEFLATED, windowBits, memLevel, Z_DEFAULT_STRATEGY);
}

static inline int sw_inflate_init(z_streamp stream, int windowBits) {
    return inflateInit2(stream, windowBits);
}
