/* Calls a stdcall function and reports how it treated the ABI. */
#ifndef PE32_STDCALL_CALL_H
#define PE32_STDCALL_CALL_H

#include <stdint.h>

struct stdcall_result {
    uint32_t eax;       /* return value */
    int32_t esp_delta;  /* ESP after return minus ESP before the arguments: 0 if the callee popped exactly them */
    uint32_t clobbered; /* bit 0: EBX, bit 1: ESI, bit 2: EDI changed (callee-saved on Win32) */
    uint32_t eflags;    /* EFLAGS after return (DF, bit 10, must be clear) */
};

/* Moves ESP down by `misalign` bytes (Win32 promises only 4-byte stack
 * alignment), pushes args[nargs-1] .. args[0], calls fn, and restores ESP
 * whatever fn did. */
void stdcall_call(void *fn, unsigned nargs, const uint32_t *args, unsigned misalign,
                  struct stdcall_result *out);

#endif
