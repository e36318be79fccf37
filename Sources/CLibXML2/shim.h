#ifndef SAMENWIJZER_CLIBXML2_SHIM_H
#define SAMENWIJZER_CLIBXML2_SHIM_H

/* Debian builds libxml2 with ICU; its encoding.h then pulls in the system's ICU headers, whose UErrorCode
   clashes with the copy inside Foundation ("has different definitions in different modules"). We never touch
   the ICU members of xmlCharEncodingHandler, so hide them from the Swift import. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlIO.h>

/* xmlFree is a global function pointer; Swift 6 refuses it as shared mutable state. */
static inline void sw_xmlFree(void *ptr) { xmlFree(ptr); }

/* LIBXML_DOTTED_VERSION is a string macro, not importable as-is. */
static inline const char *sw_libxmlVersion(void) { return LIBXML_DOTTED_VERSION; }

/* Authored modules never need anything outside the bytes we hand to libxml2: no DTDs, no external entities,
   no schema imports, no network and no local files. This loader refuses every such request. */
static xmlParserInputPtr sw_refuseExternalEntity(const char *URL, const char *ID, xmlParserCtxtPtr ctxt) {
    (void)URL; (void)ID; (void)ctxt;
    return NULL;
}

static inline void sw_installRefusingEntityLoader(void) {
    xmlSetExternalEntityLoader(sw_refuseExternalEntity);
}

#endif
