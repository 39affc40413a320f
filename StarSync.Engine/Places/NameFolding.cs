using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace StarSync.Engine.Places;

/// <summary>
/// Turns a place name or a typed query into the key the gazetteer searches on: lower case, without
/// diacritics, apostrophes dropped and every other run of punctuation or spaces one space. Names and
/// queries go through the same function, so "Sao Paulo", "são  paulo" and "SÃO-PAULO" meet.
/// </summary>
internal static class NameFolding
{
    // Letters that Unicode does not decompose into a base letter plus a mark, but that people type
    // without the stroke or ligature (Łódź → lodz, Straße → strasse, Bakı → baki, Gəncə → gence).
    private static readonly Dictionary<char, string> SpecialLetters = new()
    {
        ['ß'] = "ss", ['ẞ'] = "ss", ['æ'] = "ae", ['Æ'] = "ae", ['œ'] = "oe", ['Œ'] = "oe",
        ['ø'] = "o", ['Ø'] = "o", ['đ'] = "d", ['Đ'] = "d", ['ð'] = "d", ['Ð'] = "d",
        ['ł'] = "l", ['Ł'] = "l", ['ı'] = "i", ['þ'] = "th", ['Þ'] = "th", ['ħ'] = "h", ['Ħ'] = "h",
        ['ŧ'] = "t", ['Ŧ'] = "t", ['ə'] = "e", ['Ə'] = "e", ['ŋ'] = "n", ['Ŋ'] = "n",
    };

    // Per-character folds for everything up to General Punctuation (Latin, Latin Extended, combining
    // marks, Greek, Cyrillic, the quotation marks): precomputed once, because folding ~700,000 names at
    // load time through string.Normalize one by one would dominate the load.
    private const int TableSize = 0x2070;
    // Declared after SpecialLetters: static initialisers run in text order.
    private static readonly string[] Table = BuildTable();

    /// <summary>The search key of a place name.</summary>
    public static string Fold(ReadOnlySpan<char> name) => Fold(name, keepTrailingSpace: false);

    /// <summary>
    /// The search key of a typed query. A query that ends in a space or punctuation keeps one trailing
    /// space, so "san " asks for "San …" names and not "Sana'a" or "Sandton".
    /// </summary>
    public static string FoldQuery(string query) => Fold(query.AsSpan(), keepTrailingSpace: true);

    // A hot loop of the one-off load: compiled optimised at once rather than starting as tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static string Fold(ReadOnlySpan<char> text, bool keepTrailingSpace)
    {
        char[]? rented = null;
        // A fold is rarely longer than its input (ß → ss, ¼ → 1 4); start on the stack, grow if needed.
        var capacity = (text.Length * 2) + 8;
        Span<char> buffer = capacity <= 256 ? stackalloc char[256] : (rented = ArrayPool<char>.Shared.Rent(capacity));
        try
        {
            var length = 0;
            var pendingSpace = false;
            foreach (var c in text)
            {
                var fold = c < TableSize ? Table[c] : FoldChar(c);
                foreach (var f in fold)
                {
                    if (f == ' ')
                    {
                        pendingSpace = length > 0;
                        continue;
                    }
                    if (length + 3 > buffer.Length)
                    {
                        var larger = ArrayPool<char>.Shared.Rent(buffer.Length * 2);
                        buffer[..length].CopyTo(larger);
                        if (rented is not null)
                        {
                            ArrayPool<char>.Shared.Return(rented);
                        }
                        buffer = rented = larger;
                    }
                    if (pendingSpace)
                    {
                        buffer[length++] = ' ';
                        pendingSpace = false;
                    }
                    buffer[length++] = f;
                }
            }
            if (pendingSpace && keepTrailingSpace)
            {
                buffer[length++] = ' ';
            }
            return new string(buffer[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private static string[] BuildTable()
    {
        var table = new string[TableSize];
        for (var c = 0; c < TableSize; c++)
        {
            table[c] = FoldChar((char)c);
        }
        return table;
    }

    /// <summary>The fold of one character: "" (dropped), " " (a separator) or lower-case letters and digits.</summary>
    private static string FoldChar(char c)
    {
        if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
        {
            return c.ToString();
        }
        if (c is >= 'A' and <= 'Z')
        {
            return ((char)(c + ('a' - 'A'))).ToString();
        }
        if (IsApostrophe(c))
        {
            return "";
        }
        if (SpecialLetters.TryGetValue(c, out var special))
        {
            return special;
        }
        if (char.IsSurrogate(c))
        {
            // Half of a pair outside the BMP: no Latin name has one; keep it so such a query matches nothing.
            return c.ToString();
        }
        var category = char.GetUnicodeCategory(c);
        if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
            or UnicodeCategory.EnclosingMark or UnicodeCategory.Format)
        {
            return "";
        }
        if (!char.IsLetterOrDigit(c))
        {
            return " ";
        }

        // Compatibility decomposition splits é into e + U+0301 and ﬁ into f + i; keep letters and digits.
        var decomposed = c.ToString().Normalize(NormalizationForm.FormKD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var d in decomposed)
        {
            if (d == c)
            {
                sb.Append(char.ToLowerInvariant(d));
            }
            else
            {
                sb.Append(FoldChar(d));
            }
        }
        return sb.ToString();
    }

    // ASCII and typographic apostrophes, the Hawaiian ʻokina, transliteration marks for ayin and alif
    // (ʿ ʾ) and other modifier letters: "N'Djamena", "Sana’a" and "Hawaiʻi" are typed without them.
    private static bool IsApostrophe(char c) =>
        c is '\'' or '`' or '´' or '‘' or '’' or '‛' or '′'
        || char.GetUnicodeCategory(c) is UnicodeCategory.ModifierLetter or UnicodeCategory.ModifierSymbol;
}
