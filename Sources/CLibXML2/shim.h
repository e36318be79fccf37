#ifndef SAMENWIJZER_CLIBXML2_SHIM_H
#define SAMENWIJZER_CLIBXML2_SHIM_H

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlversion.h>

/* xmlFree is a global function pointer; Swift 6 refuses it as shared mutable state. */
static inline void sw_xmlFree(void *ptr) { xmlFree(ptr); }

/* LIBXML_DOTTED_VERSION is a string macro, not importable as-is. */
static inline const char *sw_libxmlVersion(void) { return LIBXML_DOTTED_VERSION; }

/* Refuse every external entity / DTD / schema import that is not already in memory. */
static inline void sw_installNoNetworkEntityLoader(void) {
    xmlSetExternalEntityLoader(xmlNoNetExternalEntityLoader);
}

#endif
