/*
 * PE32 loader: header validation, section mapping with per-page
 * protections, HIGHLOW base relocations, import binding by name and export
 * lookup by name. Fields are read with explicit offsets from the PE/COFF
 * specification so nothing depends on a Windows header.
 */
#define _GNU_SOURCE
#include "pe_image.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define PAGE 4096u

/* Data directory indexes. */
enum { DIR_EXPORT = 0, DIR_IMPORT = 1, DIR_BASERELOC = 5, DIR_TLS = 9, DIR_DELAY_IMPORT = 13 };

#define SCN_MEM_EXECUTE 0x20000000u
#define SCN_MEM_READ 0x40000000u
#define SCN_MEM_WRITE 0x80000000u
#define FILE_RELOCS_STRIPPED 0x0001u
#define FILE_EXECUTABLE_IMAGE 0x0002u
#define FILE_DLL 0x2000u

static const char *g_path;

static _Noreturn void fail(const char *fmt, ...) {
    va_list ap;
    fprintf(stderr, "pe32: %s: LOAD ERROR: ", g_path);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(2);
}

static uint16_t rd16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }
static uint32_t rd32(const uint8_t *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint32_t round_up(uint32_t v, uint32_t a) { return (v + a - 1) / a * a; }

/* Checks that [rva, rva+len) lies inside the mapped image. */
static void check_range(const struct pe_image *img, uint32_t rva, uint32_t len, const char *what) {
    if (rva > img->size || len > img->size - rva)
        fail("%s at RVA 0x%x (+%u bytes) is outside the image (SizeOfImage 0x%x)", what, rva, len,
             img->size);
}

/* NUL-terminated string at `rva`, checked to end inside the image. */
static const char *image_str(const struct pe_image *img, uint32_t rva, const char *what) {
    check_range(img, rva, 1, what);
    const char *s = (const char *)img->base + rva;
    if (!memchr(s, 0, img->size - rva)) fail("%s at RVA 0x%x is not terminated", what, rva);
    return s;
}

static uint8_t *read_file(const char *path, size_t *len) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) fail("cannot open: %s", strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0) fail("fstat: %s", strerror(errno));
    if (st.st_size < 64 || st.st_size > 64 * 1024 * 1024)
        fail("file size %lld is not that of a DLL", (long long)st.st_size);
    uint8_t *buf = malloc((size_t)st.st_size);
    if (!buf) fail("out of memory");
    size_t got = 0;
    while (got < (size_t)st.st_size) {
        ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);
        if (n <= 0) fail("read: %s", n == 0 ? "short file" : strerror(errno));
        got += (size_t)n;
    }
    close(fd);
    *len = got;
    return buf;
}

/* Maps SizeOfImage bytes read-write: at the preferred base if it is free
 * (and relocation is not forced), otherwise wherever the kernel likes. */
static uint8_t *map_image(uint32_t preferred, uint32_t size, int force_relocate) {
    void *want = (void *)(uintptr_t)preferred;
    if (!force_relocate) {
        void *p = mmap(want, size, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
        if (p == want) return p;
        if (p != MAP_FAILED) munmap(p, size);
    }
    /* Keep the preferred range reserved while mapping, so the image cannot
     * land on it by chance when relocation is forced. */
    void *guard = mmap(want, size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (guard != MAP_FAILED) munmap(guard, size);
    if (p == MAP_FAILED) fail("mmap of %u bytes: %s", size, strerror(errno));
    if (p == want) fail("could not place the image away from its preferred base");
    return p;
}

static void apply_relocations(struct pe_image *img, uint32_t rva, uint32_t dir_size,
                              uint16_t file_flags) {
    uint32_t delta = (uint32_t)(uintptr_t)img->base - img->preferred_base;
    if (delta == 0) return;
    /* As the Windows loader: a stripped image cannot move; one without a
     * relocation directory (and not stripped) has nothing to fix up. */
    if (file_flags & FILE_RELOCS_STRIPPED)
        fail("mapped at %p instead of ImageBase 0x%08x, but the image is IMAGE_FILE_RELOCS_STRIPPED",
             (void *)img->base, img->preferred_base);
    if (rva == 0 || dir_size == 0) return;
    check_range(img, rva, dir_size, "base relocation directory");
    uint32_t off = 0;
    while (off + 8 <= dir_size) {
        const uint8_t *blk = img->base + rva + off;
        uint32_t page = rd32(blk), bsize = rd32(blk + 4);
        if (bsize < 8 || bsize > dir_size - off || (bsize & 1))
            fail("base relocation block at +0x%x has bad size %u", off, bsize);
        for (uint32_t i = 8; i + 2 <= bsize; i += 2) {
            uint16_t e = rd16(blk + i);
            unsigned type = e >> 12;
            uint32_t target = page + (e & 0xfffu);
            if (type == 0) continue; /* IMAGE_REL_BASED_ABSOLUTE: padding */
            if (type != 3)
                fail("base relocation type %u at RVA 0x%x: only HIGHLOW (3) is supported", type,
                     target);
            check_range(img, target, 4, "HIGHLOW relocation target");
            uint8_t *p = img->base + target;
            uint32_t v = rd32(p) + delta;
            memcpy(p, &v, 4);
            img->fixups++;
        }
        off += bsize;
    }
}

static void append_import(struct pe_image *img, const char *dll, const char *name) {
    size_t used = strlen(img->imports);
    snprintf(img->imports + used, sizeof img->imports - used, "%s%s!%s", used ? " " : "", dll,
             name);
    img->import_count++;
}

static void bind_imports(struct pe_image *img, uint32_t rva, uint32_t dir_size,
                         pe_import_resolver resolve) {
    if (rva == 0 || dir_size == 0) return;
    check_range(img, rva, 20, "import directory");
    char missing[2048] = "";
    for (uint32_t d = rva;; d += 20) {
        check_range(img, d, 20, "import descriptor");
        const uint8_t *desc = img->base + d;
        uint32_t oft = rd32(desc), name_rva = rd32(desc + 12), ft = rd32(desc + 16);
        if (oft == 0 && name_rva == 0 && ft == 0) break;
        const char *dll = image_str(img, name_rva, "imported DLL name");
        uint32_t lookup = oft ? oft : ft;
        for (uint32_t i = 0;; i += 4) {
            check_range(img, lookup + i, 4, "import lookup table");
            check_range(img, ft + i, 4, "import address table");
            uint32_t entry = rd32(img->base + lookup + i);
            if (entry == 0) break;
            if (entry & 0x80000000u)
                fail("%s imports ordinal %u: the harness binds imports by name only", dll,
                     entry & 0xffffu);
            const char *fn = image_str(img, entry + 2, "imported function name");
            append_import(img, dll, fn);
            void *stub = resolve(dll, fn);
            if (!stub) {
                size_t used = strlen(missing);
                snprintf(missing + used, sizeof missing - used, " %s!%s", dll, fn);
                continue;
            }
            uint32_t addr = (uint32_t)(uintptr_t)stub;
            memcpy(img->base + ft + i, &addr, 4);
        }
    }
    if (missing[0])
        fail("imports the harness has no stub for (only kernel32.dll functions with a stub in "
             "tests/pe32/kernel32_stubs.c can be bound):%s",
             missing);
}

static void protect_sections(struct pe_image *img, const uint8_t *sec, unsigned nsec,
                             uint32_t headers_size) {
    uint32_t pages = img->size / PAGE;
    int *prot = calloc(pages, sizeof *prot);
    if (!prot) fail("out of memory");
    for (uint32_t p = 0; p < round_up(headers_size, PAGE) / PAGE && p < pages; p++)
        prot[p] = PROT_READ;
    for (unsigned i = 0; i < nsec; i++) {
        const uint8_t *s = sec + 40 * i;
        uint32_t vsize = rd32(s + 8), va = rd32(s + 12), raw = rd32(s + 16), ch = rd32(s + 36);
        uint32_t len = vsize ? vsize : raw;
        int pr = ((ch & SCN_MEM_READ) ? PROT_READ : 0) | ((ch & SCN_MEM_WRITE) ? PROT_WRITE : 0) |
                 ((ch & SCN_MEM_EXECUTE) ? PROT_EXEC : 0);
        /* Pages shared by two sections (SectionAlignment < page size) get both. */
        for (uint32_t p = va / PAGE; p < round_up(va + len, PAGE) / PAGE && p < pages; p++)
            prot[p] |= pr;
    }
    for (uint32_t p = 0; p < pages; p++)
        if (mprotect(img->base + p * PAGE, PAGE, prot[p]) != 0)
            fail("mprotect page %u: %s", p, strerror(errno));
    free(prot);
}

void pe_load(const char *path, int force_relocate, pe_import_resolver resolve,
             struct pe_image *img) {
    g_path = path;
    memset(img, 0, sizeof *img);
    img->path = path;
    size_t flen;
    uint8_t *file = read_file(path, &flen);

    if (rd16(file) != 0x5a4d) fail("no MZ signature");
    uint32_t nt = rd32(file + 0x3c);
    if (nt > flen - 24 || nt < 0x40) fail("e_lfanew 0x%x is outside the file", nt);
    if (memcmp(file + nt, "PE\0\0", 4) != 0) fail("no PE signature at 0x%x", nt);
    const uint8_t *fh = file + nt + 4;
    uint16_t machine = rd16(fh), nsec = rd16(fh + 2), opt_size = rd16(fh + 16), flags = rd16(fh + 18);
    if (machine != 0x14c) fail("Machine is 0x%04x, not i386 (0x014c)", machine);
    if (!(flags & FILE_DLL)) fail("Characteristics 0x%04x lack IMAGE_FILE_DLL", flags);
    if (!(flags & FILE_EXECUTABLE_IMAGE))
        fail("Characteristics 0x%04x lack IMAGE_FILE_EXECUTABLE_IMAGE", flags);
    if (nsec == 0 || nsec > 96) fail("NumberOfSections %u", nsec);
    const uint8_t *oh = fh + 20;
    if (opt_size < 96 || (size_t)(oh - file) + opt_size > flen)
        fail("SizeOfOptionalHeader %u is too small or beyond the file", opt_size);
    if (rd16(oh) != 0x10b) fail("optional header magic 0x%x is not PE32 (0x10b)", rd16(oh));
    img->entry_rva = rd32(oh + 16);
    img->preferred_base = rd32(oh + 28);
    uint32_t sect_align = rd32(oh + 32), file_align = rd32(oh + 36);
    img->os_major = rd16(oh + 40);
    img->os_minor = rd16(oh + 42);
    img->subsys_major = rd16(oh + 48);
    img->subsys_minor = rd16(oh + 50);
    uint32_t size_of_image = rd32(oh + 56), headers_size = rd32(oh + 60);
    uint32_t ndirs = rd32(oh + 92);
    if (ndirs > 16 || 96 + 8 * ndirs > opt_size)
        fail("NumberOfRvaAndSizes %u does not fit SizeOfOptionalHeader %u", ndirs, opt_size);
    if (img->preferred_base % 0x10000) fail("ImageBase 0x%x is not 64 KiB aligned", img->preferred_base);
    if (sect_align == 0 || (sect_align & (sect_align - 1)) || file_align == 0 ||
        (file_align & (file_align - 1)) || file_align > sect_align)
        fail("bad alignments: section 0x%x, file 0x%x", sect_align, file_align);
    if (size_of_image == 0 || size_of_image > 256u * 1024 * 1024) fail("SizeOfImage 0x%x", size_of_image);
    if (headers_size > flen || headers_size > size_of_image) fail("SizeOfHeaders 0x%x", headers_size);
    uint32_t dir_rva[16] = {0}, dir_size[16] = {0};
    for (uint32_t i = 0; i < ndirs; i++) {
        dir_rva[i] = rd32(oh + 96 + 8 * i);
        dir_size[i] = rd32(oh + 100 + 8 * i);
    }
    if (dir_rva[DIR_TLS])
        fail("has a TLS directory: not set up for LoadLibrary'd DLLs before Vista, and not "
             "supported by this harness");
    if (dir_rva[DIR_DELAY_IMPORT]) fail("has delay imports: not supported by this harness");
    const uint8_t *sec = oh + opt_size;
    if ((size_t)(sec - file) + 40u * nsec > flen) fail("section table beyond the file");

    img->size = round_up(size_of_image, PAGE);
    img->base = map_image(img->preferred_base, img->size, force_relocate);
    memcpy(img->base, file, headers_size);
    for (unsigned i = 0; i < nsec; i++) {
        const uint8_t *s = sec + 40 * i;
        uint32_t vsize = rd32(s + 8), va = rd32(s + 12), raw = rd32(s + 16), raw_off = rd32(s + 20);
        char name[9] = {0};
        memcpy(name, s, 8);
        uint32_t vlen = vsize ? vsize : raw;
        check_range(img, va, vlen, name);
        if (va < headers_size) fail("section %s at RVA 0x%x overlaps the headers", name, va);
        uint32_t copy = raw < vlen ? raw : vlen;
        if (copy && (raw_off > flen || copy > flen - raw_off))
            fail("section %s raw data (0x%x +0x%x) is beyond the file", name, raw_off, copy);
        memcpy(img->base + va, file + raw_off, copy);
    }
    size_t sec_off = (size_t)(sec - file);
    free(file);

    apply_relocations(img, dir_rva[DIR_BASERELOC], dir_size[DIR_BASERELOC], flags);
    bind_imports(img, dir_rva[DIR_IMPORT], dir_size[DIR_IMPORT], resolve);
    img->export_rva = dir_rva[DIR_EXPORT];
    img->export_size = dir_size[DIR_EXPORT];
    if (img->export_rva) check_range(img, img->export_rva, 40, "export directory");
    if (img->entry_rva) check_range(img, img->entry_rva, 1, "entry point");
    if (sec_off + 40u * nsec > headers_size) fail("section table lies beyond SizeOfHeaders");
    /* The file buffer is gone: read the section table from the mapped headers. */
    protect_sections(img, img->base + sec_off, nsec, headers_size);
}

void *pe_export(const struct pe_image *img, const char *name) {
    if (!img->export_rva) return NULL;
    const uint8_t *ed = img->base + img->export_rva;
    uint32_t nfuncs = rd32(ed + 20), nnames = rd32(ed + 24);
    uint32_t funcs = rd32(ed + 28), names = rd32(ed + 32), ords = rd32(ed + 36);
    g_path = img->path;
    check_range(img, funcs, nfuncs * 4, "export address table");
    check_range(img, names, nnames * 4, "export name table");
    check_range(img, ords, nnames * 2, "export ordinal table");
    for (uint32_t i = 0; i < nnames; i++) {
        const char *n = image_str(img, rd32(img->base + names + 4 * i), "export name");
        if (strcmp(n, name) != 0) continue;
        uint16_t ord = rd16(img->base + ords + 2 * i);
        if (ord >= nfuncs) fail("export %s has ordinal index %u >= NumberOfFunctions %u", name, ord, nfuncs);
        uint32_t rva = rd32(img->base + funcs + 4 * ord);
        if (rva >= img->export_rva && rva < img->export_rva + img->export_size)
            fail("export %s is forwarded (%s): not supported", name,
                 image_str(img, rva, "forwarder"));
        check_range(img, rva, 1, "export address");
        return img->base + rva;
    }
    return NULL;
}

uint32_t pe_rva_of(const struct pe_image *img, const void *p) {
    uintptr_t a = (uintptr_t)p, b = (uintptr_t)img->base;
    return (a >= b && a - b < img->size) ? (uint32_t)(a - b) : (uint32_t)-1;
}

void pe_unload(struct pe_image *img) {
    if (img->base) munmap(img->base, img->size);
    img->base = NULL;
}
