"""A day pass's QR code as a PNG, without Qt (for `reception pass sell --qr` and the visitor's page)."""

from __future__ import annotations

import io


def pass_qr_png(code: str, *, box: int = 8) -> bytes:
    """The code as a QR (error correction M, alphanumeric: PASS- and Crockford base32 fit it) in a PNG."""
    import qrcode  # reception[desk]

    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=box, border=4)
    qr.add_data(qrcode.util.QRData(code.encode("ascii"), mode=qrcode.util.MODE_ALPHA_NUM))
    qr.make(fit=True)
    out = io.BytesIO()
    qr.make_image().save(out, format="PNG")
    return out.getvalue()
