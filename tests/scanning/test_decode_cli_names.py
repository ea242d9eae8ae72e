"""The decoder names offered by `reception decode --decoder` are exactly the decoders that exist."""

from reception.scanning import decode_cli, decoders


def test_decoder_names_match_the_decoders() -> None:
    assert decode_cli.DECODER_NAMES == list(decoders.DECODERS)
