using System.Buffers.Binary;
using SkiaSharp;

namespace StarSync.Web.Tests.Assets;

/// <summary>Pictures made for the tests: real encoder output, and hand-built headers that lie.</summary>
internal static class TestImages
{
    /// <summary>A picture whose left half is red and right half blue.</summary>
    public static byte[] Encode(int width, int height, SKEncodedImageFormat format, int quality = 90)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            using var red = new SKPaint { Color = SKColors.Red };
            using var blue = new SKPaint { Color = SKColors.Blue };
            canvas.DrawRect(0, 0, width / 2f, height, red);
            canvas.DrawRect(width / 2f, 0, width - width / 2f, height, blue);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, quality);
        return data.ToArray();
    }

    /// <summary>A lossless WebP (VP8L).</summary>
    public static byte[] LosslessWebp(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(SKColors.Green);
        using var pixmap = bitmap.PeekPixels();
        using var data = pixmap.Encode(new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossless, 100)) ?? throw new InvalidOperationException("No WebP encoder.");
        return data.ToArray();
    }

    /// <summary>A valid PNG signature and IHDR claiming <paramref name="width"/> × <paramref name="height"/>, then nothing real.</summary>
    public static byte[] PngHeaderClaiming(uint width, uint height)
    {
        var file = new byte[64];
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(file, 0);
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(8), 13);
        "IHDR"u8.CopyTo(file.AsSpan(12));
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(16), width);
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(20), height);
        file[24] = 8; // bit depth
        file[25] = 6; // RGBA
        return file;
    }

    /// <summary>
    /// <paramref name="jpeg"/> with an EXIF (APP1) segment inserted after the start-of-image marker: a big-endian
    /// TIFF block with the Orientation tag and an ImageDescription holding <paramref name="secret"/>.
    /// </summary>
    public static byte[] WithExif(byte[] jpeg, ushort orientation, string secret)
    {
        var text = System.Text.Encoding.ASCII.GetBytes(secret + "\0");
        using var tiff = new MemoryStream();
        void U16(int v) { Span<byte> b = stackalloc byte[2]; BinaryPrimitives.WriteUInt16BigEndian(b, (ushort)v); tiff.Write(b); }
        void U32(int v) { Span<byte> b = stackalloc byte[4]; BinaryPrimitives.WriteUInt32BigEndian(b, (uint)v); tiff.Write(b); }
        tiff.Write("MM"u8);
        U16(42);
        U32(8);              // first IFD right after the header
        U16(2);              // two entries
        U16(0x010E); U16(2); U32(text.Length); U32(8 + 2 + 2 * 12 + 4); // ImageDescription, ASCII, stored after the IFD
        U16(0x0112); U16(3); U32(1); U16(orientation); U16(0);       // Orientation, SHORT, inline
        U32(0);              // no next IFD
        tiff.Write(text);

        var payload = "Exif\0\0"u8.ToArray().Concat(tiff.ToArray()).ToArray();
        var segment = new byte[4 + payload.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(payload.Length + 2));
        payload.CopyTo(segment, 4);
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }
}
