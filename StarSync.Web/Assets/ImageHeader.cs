using System.Buffers.Binary;

namespace StarSync.Web.Assets;

/// <summary>The image formats an upload may be in.</summary>
public enum UploadImageFormat
{
    Jpeg,
    Png,
    Webp,
}

/// <summary>What an upload's first bytes say it is: the format from its signature and the pixel size from its header.</summary>
/// <remarks>
/// Read before any decoding, so a file whose header claims a huge canvas (a decompression bomb: a few kilobytes
/// that decode to gigabytes) is refused without allocating it, and a file is judged by its content, never by
/// its name or the content type the browser sent.
/// </remarks>
public sealed record ImageHeader(UploadImageFormat Format, int Width, int Height)
{
    /// <summary>Reads the header of a JPEG, PNG or WebP file; <see langword="null"/> when the bytes are none of those or are cut short.</summary>
    public static ImageHeader? Read(ReadOnlySpan<byte> file)
    {
        if (file.StartsWith(PngSignature))
        {
            return ReadPng(file);
        }

        if (file.Length >= 3 && file[0] == 0xFF && file[1] == 0xD8 && file[2] == 0xFF)
        {
            return ReadJpeg(file);
        }

        if (file.Length >= 12 && file[..4].SequenceEqual("RIFF"u8) && file.Slice(8, 4).SequenceEqual("WEBP"u8))
        {
            return ReadWebp(file);
        }

        return null;
    }

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    // PNG: the signature, then the IHDR chunk (length, "IHDR", width and height as big-endian 32-bit).
    private static ImageHeader? ReadPng(ReadOnlySpan<byte> file)
    {
        if (file.Length < 24 || !file.Slice(12, 4).SequenceEqual("IHDR"u8))
        {
            return null;
        }

        var width = BinaryPrimitives.ReadUInt32BigEndian(file[16..]);
        var height = BinaryPrimitives.ReadUInt32BigEndian(file[20..]);
        return Sized(UploadImageFormat.Png, width, height);
    }

    // JPEG: walk the marker segments to the first start-of-frame (SOF0–SOF15 except DHT C4, JPG C8 and DAC CC),
    // whose body is precision, height and width (big-endian 16-bit).
    private static ImageHeader? ReadJpeg(ReadOnlySpan<byte> file)
    {
        var at = 2;
        while (at + 4 <= file.Length)
        {
            if (file[at] != 0xFF)
            {
                return null;
            }

            var marker = file[at + 1];
            if (marker == 0xFF)
            {
                at++; // fill byte
                continue;
            }

            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                at += 2; // markers without a length
                continue;
            }

            if (marker is 0xD9 or 0xDA)
            {
                return null; // end of image or start of scan before any frame header
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(file[(at + 2)..]);
            if (length < 2)
            {
                return null;
            }

            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                if (at + 9 > file.Length)
                {
                    return null;
                }

                var height = BinaryPrimitives.ReadUInt16BigEndian(file[(at + 5)..]);
                var width = BinaryPrimitives.ReadUInt16BigEndian(file[(at + 7)..]);
                return Sized(UploadImageFormat.Jpeg, width, height);
            }

            at += 2 + length;
        }

        return null;
    }

    // WebP (RIFF container): the first chunk is VP8 (lossy: 14-bit sizes after the 3-byte frame tag and the
    // 9D 01 2A start code), VP8L (lossless: 14-bit sizes minus one after the 0x2F signature) or VP8X (extended:
    // 24-bit canvas sizes minus one).
    private static ImageHeader? ReadWebp(ReadOnlySpan<byte> file)
    {
        if (file.Length < 30)
        {
            return null;
        }

        var chunk = file.Slice(12, 4);
        if (chunk.SequenceEqual("VP8 "u8))
        {
            if (file[23] != 0x9D || file[24] != 0x01 || file[25] != 0x2A)
            {
                return null;
            }

            var width = BinaryPrimitives.ReadUInt16LittleEndian(file[26..]) & 0x3FFFu;
            var height = BinaryPrimitives.ReadUInt16LittleEndian(file[28..]) & 0x3FFFu;
            return Sized(UploadImageFormat.Webp, width, height);
        }

        if (chunk.SequenceEqual("VP8L"u8))
        {
            if (file[20] != 0x2F)
            {
                return null;
            }

            var bits = BinaryPrimitives.ReadUInt32LittleEndian(file[21..]);
            return Sized(UploadImageFormat.Webp, (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1);
        }

        if (chunk.SequenceEqual("VP8X"u8))
        {
            var width = (uint)(file[24] | file[25] << 8 | file[26] << 16) + 1;
            var height = (uint)(file[27] | file[28] << 8 | file[29] << 16) + 1;
            return Sized(UploadImageFormat.Webp, width, height);
        }

        return null;
    }

    private static ImageHeader? Sized(UploadImageFormat format, uint width, uint height) =>
        width is 0 or > int.MaxValue || height is 0 or > int.MaxValue ? null : new ImageHeader(format, (int)width, (int)height);
}
