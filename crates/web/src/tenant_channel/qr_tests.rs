use super::*;

const LINK: &str = "https://vangnet.example/h/Zq3xK9pL2mN8vR4tW7yB";

/// The SVG read back as a scanner would: its path rasterised (every
/// "M x y h1v1h-1z" a dark module), then found and decoded by rqrr. This
/// reads the SVG text, not the code's matrix, so a drawing mistake fails.
fn scan(svg: &str) -> Result<String, String> {
    let view_box = svg
        .split("viewBox=\"0 0 ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .ok_or("no viewBox")?;
    let size: usize = view_box.parse().map_err(|_| "bad viewBox")?;
    let d = svg
        .split("<path fill=\"#000\" d=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .ok_or("no path")?;
    let mut dark = vec![false; size * size];
    for square in d.split('M').filter(|s| !s.is_empty()) {
        let coords = square.strip_suffix("h1v1h-1z").ok_or("not a module")?;
        let (x, y) = coords.split_once(' ').ok_or("no y")?;
        let (x, y): (usize, usize) = (
            x.parse().map_err(|_| "bad x")?,
            y.parse().map_err(|_| "bad y")?,
        );
        dark[y * size + x] = true;
    }
    // Four pixels a module: the detector wants more than one.
    let scale = 4;
    scan_bitmap(size * scale, |x, y| dark[(y / scale) * size + x / scale])
}

/// A square image found and decoded by rqrr.
fn scan_bitmap(side: usize, dark: impl Fn(usize, usize) -> bool) -> Result<String, String> {
    let mut image = rqrr::PreparedImage::prepare_from_bitmap(side, side, dark);
    let grids = image.detect_grids();
    let grid = grids.first().ok_or("no QR code found")?;
    grid.decode()
        .map(|(_, text)| text)
        .map_err(|e| e.to_string())
}

#[test]
fn the_svg_scans_back_to_the_link() {
    let svg = qr_svg(LINK).expect("a short link fits");
    assert_eq!(scan(&svg).as_deref(), Ok(LINK));
    let other = "https://vangnet.example/h/another-token-0123456789";
    assert_eq!(scan(&qr_svg(other).unwrap()).as_deref(), Ok(other));
}

#[test]
fn the_svg_is_an_image_with_a_title_for_screen_readers() {
    let svg = qr_svg(LINK).unwrap();
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.ends_with("</svg>"));
    assert!(!svg.contains("<?xml"), "no prolog inside HTML");
    assert!(svg.contains("role=\"img\""));
    assert!(svg.contains("aria-labelledby=\"qr-title\""));
    assert!(svg.contains("<title id=\"qr-title\">QR-code naar uw persoonlijke pagina</title>"));
    // Well-formed enough for an XML reader: every tag we open is closed.
    assert_eq!(svg.matches("<svg").count(), svg.matches("</svg>").count());
    assert_eq!(
        svg.matches("<title").count(),
        svg.matches("</title>").count()
    );
    assert_eq!(svg.matches("<path").count(), 1);
}

#[test]
fn the_same_link_gives_the_same_svg() {
    assert_eq!(qr_svg(LINK), qr_svg(LINK));
    assert_ne!(qr_svg(LINK), qr_svg(&format!("{LINK}x")));
}

#[test]
fn a_link_too_long_for_any_code_gives_none() {
    assert_eq!(qr_svg(&"x".repeat(4_000)), None);
}

#[test]
fn the_png_scans_back_to_the_link() {
    for link in [
        LINK,
        "https://vangnet.example/huurder/0123456789abcdefABCDEF-_xyz",
    ] {
        let png = qr_png(link).expect("a short link fits");
        let (width, height, dark) = crate::tenant_channel::png::tests::decode(&png).unwrap();
        assert_eq!(width, height);
        assert_eq!(width as usize % PNG_MODULE_PIXELS, 0);
        let side = width as usize;
        assert_eq!(
            scan_bitmap(side, |x, y| dark[y * side + x]).as_deref(),
            Ok(link)
        );
        // The quiet zone is white.
        assert!(!dark[..side * 4 * PNG_MODULE_PIXELS].iter().any(|&d| d));
    }
    assert_eq!(qr_png(&"x".repeat(4_000)), None);
}
