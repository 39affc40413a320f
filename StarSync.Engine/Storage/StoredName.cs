using System.Collections.Frozen;
using System.Text;

namespace StarSync.Engine.Storage;

/// <summary>
/// Enum values as both stores write them: kebab-case strings ("other-device"), the same spelling the API uses, and
/// stable if members are reordered.
/// </summary>
internal static class StoredName
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum => Names<TEnum>.ToText[value];

    public static TEnum Parse<TEnum>(string text) where TEnum : struct, Enum =>
        Names<TEnum>.FromText.TryGetValue(text, out var value)
            ? value
            : throw new FormatException($"'{text}' is not a stored {typeof(TEnum).Name}.");

    internal static string Kebab(string pascal)
    {
        var text = new StringBuilder(pascal.Length + 4);
        foreach (var c in pascal)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append('-');
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString();
    }

    private static class Names<TEnum> where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<TEnum, string> ToText =
            Enum.GetValues<TEnum>().ToFrozenDictionary(v => v, v => Kebab(v.ToString()));

        public static readonly FrozenDictionary<string, TEnum> FromText =
            ToText.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);
    }
}
