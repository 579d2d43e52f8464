/*
 * A minimal loader for PE32 i386 DLLs inside a 32-bit Linux process: the
 * part of the Windows loader the harness needs to run a RAS admin DLL.
 */
#ifndef PE32_PE_IMAGE_H
#define PE32_PE_IMAGE_H

#include <stddef.h>
#include <stdint.h>

/* Finds the harness's replacement for `dll!name`; NULL when there is none. */
typedef void *(*pe_import_resolver)(const char *dll, const char *name);

/** A DLL mapped into this process. */
struct pe_image {
    const char *path;
    uint8_t *base;           /* where it is mapped */
    uint32_t size;           /* SizeOfImage */
    uint32_t preferred_base; /* ImageBase from the headers */
    uint32_t fixups;         /* HIGHLOW relocations applied */
    uint32_t entry_rva;      /* AddressOfEntryPoint, 0 if none */
    uint32_t export_rva, export_size;
    uint16_t os_major, os_minor, subsys_major, subsys_minor;
    unsigned import_count;
    char imports[2048]; /* "kernel32.dll!CreateFileW ..." for the report */
};

/*
 * Maps `path` (relocated when its ImageBase is taken, or always when
 * `force_relocate`), binds every import through `resolve`, and sets the
 * section protections. Any problem is printed and the process exits
 * with status 2: nothing can be tested with a half-loaded DLL.
 */
void pe_load(const char *path, int force_relocate, pe_import_resolver resolve,
             struct pe_image *out);

/* Address of the export named `name` (exact, like GetProcAddress), or NULL. */
void *pe_export(const struct pe_image *img, const char *name);

/* Image-relative address of `p` if it lies in `img`, else (uint32_t)-1. */
uint32_t pe_rva_of(const struct pe_image *img, const void *p);

/* Unmaps the image. */
void pe_unload(struct pe_image *img);

#endif
