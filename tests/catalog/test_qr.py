from gongkai.catalog.templatetags.catalog_tags import qr_svg_for


def test_qr_svg_is_inline_svg_and_decodes_structure():
    svg = qr_svg_for("http://testserver/agency/x/item/1/")
    assert svg.startswith("<svg") and "<path d=\"M" in svg and "<script" not in svg


def test_qr_matches_qrcode_matrix():
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=2, mask_pattern=2)
    qr.add_data("http://a/")
    qr.make(fit=True)
    size = len(qr.get_matrix())
    assert f'viewBox="0 0 {size} {size}"' in qr_svg_for("http://a/")
