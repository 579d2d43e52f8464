//! The one check every pointer from RAS gets before it is read.

use crate::Error;

/// `Ok` if `ptr` is non-null and aligned for `T`, else the [`Error`]
/// naming the C argument `field`.
#[inline]
pub(crate) fn check<T>(ptr: *const T, field: &'static str) -> Result<(), Error> {
    if ptr.is_null() {
        Err(Error::Null { field })
    } else if !ptr.is_aligned() {
        let align = align_of::<T>();
        Err(Error::Misaligned { field, align })
    } else {
        Ok(())
    }
}

/// `ptr` as a reference, after [`check`].
///
/// # Safety
///
/// If non-null and aligned, `ptr` is valid for reads of an initialized `T`
/// that nobody writes during 'a.
#[inline]
pub(crate) unsafe fn checked_ref<'a, T>(
    ptr: *const T,
    field: &'static str,
) -> Result<&'a T, Error> {
    check(ptr, field)?;
    // SAFETY: non-null and aligned (checked); valid and unchanging for 'a
    // (the caller's promise).
    Ok(unsafe { &*ptr })
}
