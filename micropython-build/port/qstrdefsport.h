// qstrs whose text cannot be derived from their MP_QSTR_ identifier.
// *FORMAT-OFF*
Q(<sandbox>)
