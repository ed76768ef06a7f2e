from gongkai.catalog.templatetags.catalog_tags import qr_svg_for


def test_qr_svg_is_inline_svg_and_decodes_structure():
    svg = qr_svg_for("http://testserver/agency/x/item/1/")
    assert svg.startswith("<svg") and '<path d="M' in svg and "<script" not in svg


def test_qr_matches_qrcode_matrix():
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=2, mask_pattern=2)
    qr.add_data("http://a/")
    qr.make(fit=True)
    size = len(qr.get_matrix())
    assert f'viewBox="0 0 {size} {size}"' in qr_svg_for("http://a/")


def test_qr_image_endpoint_encodes_a_path_of_this_site(client):
    response = client.get("/qr.svg", {"path": "/agency/x/item/1/?a=1"})
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert "immutable" in response["Cache-Control"]
    assert response.content.decode() == qr_svg_for("http://testserver/agency/x/item/1/?a=1")


def test_qr_image_refuses_other_hosts_and_bad_paths(client):
    for bad in ["", "http://evil.example/", "//evil.example/x", "/a\nb", "/" + "x" * 700]:
        response = client.get("/qr.svg", {"path": bad})
        assert response.status_code == 400
        assert "二维码地址无效" in response.content.decode()


def test_public_pages_link_their_own_qr_code(client, township):
    html = client.get(f"/agency/{township.slug}/").content.decode()
    assert f'src="/agency/{township.slug}/qr.svg"' in html  # beside the page: a file when published
    image = client.get(f"/agency/{township.slug}/qr.svg")
    assert image.status_code == 200 and image["Content-Type"] == "image/svg+xml"
    assert image.content == client.get("/qr.svg", {"path": f"/agency/{township.slug}/"}).content
    search = client.get("/search/", {"q": "低保"}).content.decode()
    assert 'src="/qr.svg?path=%2Fsearch%2F%3Fq%3D' in search  # a dynamic page keeps the dynamic image
