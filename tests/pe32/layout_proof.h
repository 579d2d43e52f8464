/* `--print-layout`: the harness's own view of every size, offset, constant
 * and signature it relies on, as C11 assertions for clang to check against
 * mingw-w64's <windows.h> and <rassapi.h> for i686. */
#ifndef PE32_LAYOUT_PROOF_H
#define PE32_LAYOUT_PROOF_H

#include <stdio.h>

/* Writes the assertion file; returns the number of assertions written. */
unsigned print_layout(FILE *out);

#endif
