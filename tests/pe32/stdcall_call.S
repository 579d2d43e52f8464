/* void stdcall_call(void *fn, unsigned nargs, const uint32_t *args, unsigned misalign,
 *                   struct stdcall_result *out) */
    .intel_syntax noprefix
    .text
    .globl stdcall_call
    .type stdcall_call, @function
stdcall_call:
    push ebp
    mov ebp, esp
    push ebx
    push esi
    push edi
    /* ESP is now EBP-12: align it to 16, then move it down by misalign. */
    and esp, -16
    sub esp, [ebp + 20]
    mov ecx, [ebp + 12]
    mov esi, [ebp + 16]
1:  test ecx, ecx
    jz 2f
    dec ecx
    push dword ptr [esi + ecx * 4]
    jmp 1b
2:  mov eax, [ebp + 8]
    mov ebx, 0x5eb5eb01
    mov esi, 0x5e55e502
    mov edi, 0x5ed15ed3
    call eax
    mov edx, [ebp + 24]
    mov [edx], eax
    xor ecx, ecx
    cmp ebx, 0x5eb5eb01
    je 3f
    or ecx, 1
3:  cmp esi, 0x5e55e502
    je 4f
    or ecx, 2
4:  cmp edi, 0x5ed15ed3
    je 5f
    or ecx, 4
5:  mov [edx + 8], ecx
    /* A correct callee returns ESP to where it was before the pushes. */
    lea ecx, [ebp - 12]
    and ecx, -16
    sub ecx, [ebp + 20]
    mov eax, esp
    sub eax, ecx
    mov [edx + 4], eax
    pushfd
    pop eax
    mov [edx + 12], eax
    cld
    lea esp, [ebp - 12]
    pop edi
    pop esi
    pop ebx
    pop ebp
    ret
    .size stdcall_call, . - stdcall_call
    .section .note.GNU-stack, "", @progbits
