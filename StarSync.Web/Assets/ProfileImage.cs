using SkiaSharp;

namespace StarSync.Web.Assets;

/// <summary>An uploaded picture after checking and re-encoding: a square WebP with no metadata.</summary>
/// <param name="Content">The encoded WebP file.</param>
/// <param name="Side">Its width and height in pixels.</param>
public sealed record ProfileImage(byte[] Content, int Side)
{
    public const string ContentType = "image/webp";

    public const string Extension = ".webp";
}

/// <summary>Why an upload was refused, in words for the person who sent it.</summary>
public sealed class ImageRejectedException(string message) : Exception(message);

/// <summary>
/// Turns an uploaded photo into a <see cref="ProfileImage"/>: checks the content (JPEG, PNG or WebP by signature,
/// size limits, pixel dimensions from the header before decoding), decodes it, turns it upright by its EXIF
/// orientation, crops the centre square, scales it to at most <see cref="ImageRules.MaxSide"/> and re-encodes it
/// as WebP — which drops every metadata block (EXIF, GPS, comments) the upload carried.
/// </summary>
public sealed class ProfileImageProcessor(ImageRules rules)
{
    public ProfileImageProcessor()
        : this(new ImageRules())
    {
    }

    /// <summary>Reads at most the byte limit plus one from <paramref name="upload"/> and processes it.</summary>
    /// <exception cref="ImageRejectedException">The upload is too large, not a supported image, or unreadable.</exception>
    public async Task<ProfileImage> ProcessAsync(Stream upload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await upload.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > rules.MaxBytes)
            {
                throw TooLarge();
            }
        }

        return Process(buffer.ToArray());
    }

    /// <summary>Processes a whole upload held in memory.</summary>
    /// <exception cref="ImageRejectedException">The upload is too large, not a supported image, or unreadable.</exception>
    public ProfileImage Process(byte[] upload)
    {
        ArgumentNullException.ThrowIfNull(upload);
        if (upload.Length > rules.MaxBytes)
        {
            throw TooLarge();
        }

        var header = ImageHeader.Read(upload)
            ?? throw new ImageRejectedException("This file is not a JPEG, PNG or WebP picture.");
        if (header.Width > rules.MaxDimension || header.Height > rules.MaxDimension || (long)header.Width * header.Height > rules.MaxPixels)
        {
            throw new ImageRejectedException($"The picture is {header.Width} × {header.Height} pixels; the largest accepted is {rules.MaxDimension} pixels a side and {rules.MaxPixels / 1_000_000} megapixels.");
        }

        if (header.Width < rules.MinSide || header.Height < rules.MinSide)
        {
            throw new ImageRejectedException($"The picture is {header.Width} × {header.Height} pixels; it needs at least {rules.MinSide} pixels a side.");
        }

        using var data = SKData.CreateCopy(upload);
        using var codec = SKCodec.Create(data) ?? throw Unreadable();

        // The decoder's own view must agree with the header we vetted, or the header lied about the canvas.
        if (codec.Info.Width != header.Width || codec.Info.Height != header.Height)
        {
            throw Unreadable();
        }

        using var decoded = SKBitmap.Decode(codec, codec.Info.WithColorType(SKColorType.Rgba8888).WithAlphaType(SKAlphaType.Premul)) ?? throw Unreadable();
        using var upright = Upright(decoded, codec.EncodedOrigin);
        var crop = Math.Min(upright.Width, upright.Height);
        var side = Math.Min(crop, rules.MaxSide);
        using var square = new SKBitmap(new SKImageInfo(side, side, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(square))
        {
            canvas.Clear(SKColors.White); // transparent PNGs get a white ground rather than black in viewers without alpha
            var source = SKRectI.Create((upright.Width - crop) / 2, (upright.Height - crop) / 2, crop, crop);
            using var image = SKImage.FromBitmap(upright);
            canvas.DrawImage(image, source, SKRect.Create(side, side), new SKSamplingOptions(SKCubicResampler.Mitchell));
        }

        using var pixmap = square.PeekPixels();
        using var encoded = pixmap.Encode(new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossy, rules.WebpQuality)) ?? throw Unreadable();
        return new ProfileImage(encoded.ToArray(), side);
    }

    private ImageRejectedException TooLarge() => new($"The file is larger than {rules.MaxBytes / (1024 * 1024)} MB.");

    private static ImageRejectedException Unreadable() => new("The picture could not be read; it may be damaged.");

    // Phones store photos as the sensor saw them and record the turn in EXIF; re-encoding drops EXIF, so the
    // turn is applied to the pixels first or the photo would come out sideways.
    private static SKBitmap Upright(SKBitmap bitmap, SKEncodedOrigin origin)
    {
        if (origin == SKEncodedOrigin.TopLeft)
        {
            return bitmap.Copy();
        }

        var swaps = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var width = swaps ? bitmap.Height : bitmap.Width;
        var height = swaps ? bitmap.Width : bitmap.Height;
        var result = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(result);
        float w = bitmap.Width, h = bitmap.Height;
        var matrix = origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
            SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
            _ => SKMatrix.Identity,
        };
        canvas.SetMatrix(matrix);
        using var image = SKImage.FromBitmap(bitmap);
        canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest));
        return result;
    }
}

/// <summary>The limits an uploaded picture is held to.</summary>
public sealed record ImageRules
{
    /// <summary>The largest upload accepted (5 MB).</summary>
    public long MaxBytes { get; init; } = 5 * 1024 * 1024;

    /// <summary>The largest width or height a header may claim.</summary>
    public int MaxDimension { get; init; } = 8192;

    /// <summary>The most pixels a header may claim (decoded at 4 bytes each: 160 MB at this limit).</summary>
    public long MaxPixels { get; init; } = 40_000_000;

    /// <summary>The smallest width or height accepted: smaller pictures look blurred at any display size.</summary>
    public int MinSide { get; init; } = 64;

    /// <summary>The side of the stored square, at most.</summary>
    public int MaxSide { get; init; } = 512;

    /// <summary>WebP quality, 0–100.</summary>
    public float WebpQuality { get; init; } = 85;
}
