using System.Text;
using SkiaSharp;
using StarSync.Web.Assets;

namespace StarSync.Web.Tests.Assets;

public sealed class ProfileImageProcessorTests
{
    private readonly ProfileImageProcessor _processor = new();

    [Theory]
    [InlineData(SKEncodedImageFormat.Jpeg)]
    [InlineData(SKEncodedImageFormat.Png)]
    [InlineData(SKEncodedImageFormat.Webp)]
    public void A_large_photo_becomes_a_512_pixel_webp_square(SKEncodedImageFormat format)
    {
        var result = _processor.Process(TestImages.Encode(1200, 800, format));

        Assert.Equal(512, result.Side);
        Assert.Equal(new ImageHeader(UploadImageFormat.Webp, 512, 512), ImageHeader.Read(result.Content));
        using var decoded = SKBitmap.Decode(result.Content);
        Assert.Equal((512, 512), (decoded.Width, decoded.Height));
        // The centre square of a red|blue picture is still red on the left and blue on the right.
        AssertReddish(decoded.GetPixel(60, 256));
        AssertBluish(decoded.GetPixel(450, 256));
    }

    [Fact]
    public void A_small_photo_is_cropped_but_never_enlarged()
    {
        var result = _processor.Process(TestImages.Encode(100, 150, SKEncodedImageFormat.Png));
        Assert.Equal(100, result.Side);
        Assert.Equal(new ImageHeader(UploadImageFormat.Webp, 100, 100), ImageHeader.Read(result.Content));
    }

    [Fact]
    public void Metadata_is_gone_after_re_encoding()
    {
        var upload = TestImages.WithExif(TestImages.Encode(300, 300, SKEncodedImageFormat.Jpeg), 1, "GPS 12.9716N 77.5946E home");
        Assert.Contains("GPS 12.9716N", Encoding.ASCII.GetString(upload), StringComparison.Ordinal);

        var result = _processor.Process(upload);

        var text = Encoding.ASCII.GetString(result.Content);
        Assert.DoesNotContain("GPS 12.9716N", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exif", text, StringComparison.Ordinal);
        Assert.DoesNotContain("EXIF", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_phone_photo_turned_by_its_exif_orientation_comes_out_upright()
    {
        // Stored 200×100 with red on the left; orientation 6 says "turn 90° clockwise to view", so the viewer sees
        // 100×200 with red on top and blue below.
        var upload = TestImages.WithExif(TestImages.Encode(200, 100, SKEncodedImageFormat.Jpeg), 6, "phone");

        var result = _processor.Process(upload);

        using var decoded = SKBitmap.Decode(result.Content);
        Assert.Equal(100, decoded.Width);
        AssertReddish(decoded.GetPixel(50, 12));
        AssertBluish(decoded.GetPixel(50, 88));
    }

    [Fact]
    public void A_header_claiming_a_huge_canvas_is_refused_before_any_decoding()
    {
        var bomb = TestImages.PngHeaderClaiming(50_000, 50_000);

        var refused = Assert.Throws<ImageRejectedException>(() => _processor.Process(bomb));

        Assert.Contains("50000 × 50000", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_pixels_are_refused_even_when_each_side_is_allowed()
    {
        var refused = Assert.Throws<ImageRejectedException>(() => _processor.Process(TestImages.PngHeaderClaiming(8000, 8000)));
        Assert.Contains("megapixels", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_over_five_megabytes_is_refused_while_it_is_read()
    {
        var big = new byte[(5 * 1024 * 1024) + 1];
        TestImages.Encode(100, 100, SKEncodedImageFormat.Png).CopyTo(big, 0);

        var refused = await Assert.ThrowsAsync<ImageRejectedException>(() => _processor.ProcessAsync(new MemoryStream(big)));

        Assert.Equal("The file is larger than 5 MB.", refused.Message);
    }

    [Fact]
    public void Other_content_is_refused_whatever_it_is_named()
    {
        var svg = Encoding.UTF8.GetBytes("<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>");
        Assert.Equal("This file is not a JPEG, PNG or WebP picture.", Assert.Throws<ImageRejectedException>(() => _processor.Process(svg)).Message);
        Assert.Throws<ImageRejectedException>(() => _processor.Process(Encoding.ASCII.GetBytes("GIF89a\x40\0\x40\0")));
    }

    [Fact]
    public void A_picture_whose_body_is_damaged_is_refused_with_words_not_a_crash()
    {
        var png = TestImages.Encode(200, 200, SKEncodedImageFormat.Png);
        var damaged = png[..40].Concat(new byte[png.Length - 40]).ToArray();
        var tooSmall = TestImages.Encode(40, 40, SKEncodedImageFormat.Png);

        Assert.Throws<ImageRejectedException>(() => _processor.Process(damaged));
        Assert.Contains("at least 64 pixels", Assert.Throws<ImageRejectedException>(() => _processor.Process(tooSmall)).Message, StringComparison.Ordinal);
    }

    private static void AssertReddish(SKColor c) => Assert.True(c.Red > 180 && c.Blue < 80, $"expected red, got {c}");

    private static void AssertBluish(SKColor c) => Assert.True(c.Blue > 180 && c.Red < 80, $"expected blue, got {c}");
}
