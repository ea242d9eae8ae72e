"""Camera and USB-scanner input: frame sources, QR decoders, repeat suppression, wedge keys (no Qt)."""
