"""Camera and USB-scanner input: frame sources, QR decoders, repeat suppression, wedge keys (no Qt).

How the desk wires it (each piece is importable without PySide6 or OpenCV loaded):

    source = open_source(parse_camera_spec(args.camera))      # sources.py / camera.py
    pipeline = ScanPipeline(on_result=..., on_code=...)        # pipeline.py, own worker thread
    source.start(on_frame=lambda f: (pipeline.submit(f), preview.put(f)), on_status=...)
    wedge = WedgeDetector(); wedge.key(text, t); wedge.enter(t).swallow_enter   # wedge.py

Callbacks run on the source's or the pipeline's thread: forward them with queued signals.
"""
