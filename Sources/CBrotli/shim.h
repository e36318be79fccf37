// Brotli: static assets and whole pre-rendered pages, compressed once at start-up. The decoder is linked for
// the tests, which read every brotli body back with the reference implementation.
#include <brotli/encode.h>
#include <brotli/decode.h>
