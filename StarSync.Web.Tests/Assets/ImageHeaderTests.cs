using SkiaSharp;
using StarSync.Web.Assets;

namespace StarSync.Web.Tests.Assets;

public sealed class ImageHeaderTests
{
    [Theory]
    [InlineData(SKEncodedImageFormat.Jpeg, UploadImageFormat.Jpeg, 640, 480)]
    [InlineData(SKEncodedImageFormat.Png, UploadImageFormat.Png, 300, 900)]
    [InlineData(SKEncodedImageFormat.Webp, UploadImageFormat.Webp, 1001, 333)]
    public void The_format_and_size_are_read_from_real_encoder_output(SKEncodedImageFormat encoded, UploadImageFormat expected, int width, int height)
    {
        Assert.Equal(new ImageHeader(expected, width, height), ImageHeader.Read(TestImages.Encode(width, height, encoded)));
    }

    [Fact]
    public void A_lossless_webp_is_read_from_its_vp8l_header()
    {
        Assert.Equal(new ImageHeader(UploadImageFormat.Webp, 257, 129), ImageHeader.Read(TestImages.LosslessWebp(257, 129)));
    }

    [Fact]
    public void A_jpeg_with_an_exif_segment_before_its_frame_header_is_still_measured()
    {
        var jpeg = TestImages.WithExif(TestImages.Encode(200, 100, SKEncodedImageFormat.Jpeg), 6, "camera");
        Assert.Equal(new ImageHeader(UploadImageFormat.Jpeg, 200, 100), ImageHeader.Read(jpeg));
    }

    [Fact]
    public void A_png_header_is_read_without_the_rest_of_the_file()
    {
        Assert.Equal(new ImageHeader(UploadImageFormat.Png, 50_000, 50_000), ImageHeader.Read(TestImages.PngHeaderClaiming(50_000, 50_000)));
    }

    [Fact]
    public void Other_formats_text_and_cut_short_files_are_not_images()
    {
        Assert.Null(ImageHeader.Read("GIF89a\x01\0\x01\0"u8));
        Assert.Null(ImageHeader.Read("<svg xmlns='http://www.w3.org/2000/svg'/>"u8));
        Assert.Null(ImageHeader.Read("%PDF-1.7"u8));
        Assert.Null(ImageHeader.Read([]));
        Assert.Null(ImageHeader.Read(TestImages.Encode(64, 64, SKEncodedImageFormat.Png).AsSpan(0, 20)));
        Assert.Null(ImageHeader.Read(TestImages.Encode(64, 64, SKEncodedImageFormat.Jpeg).AsSpan(0, 6)));
        Assert.Null(ImageHeader.Read(TestImages.PngHeaderClaiming(0, 10)));
    }
}
