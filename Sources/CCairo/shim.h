// cairo draws certificates as PDF: the core API plus the PDF surface.
#include <cairo.h>
#include <cairo-pdf.h>
