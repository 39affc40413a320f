namespace StarSync.Engine.Storage;

/// <summary>Slot choice for saved profiles, the same in both adapters.</summary>
internal static class BirthProfileRules
{
    public static string NewProfileId() => Guid.CreateVersion7().ToString("N");

    /// <summary>The lowest slot not in <paramref name="used"/>, or null when all <see cref="IBirthProfileStore.MaxPerAccount"/> are taken.</summary>
    public static int? FreeSlot(IEnumerable<int> used)
    {
        var taken = used.ToHashSet();
        for (var slot = 0; slot < IBirthProfileStore.MaxPerAccount; slot++)
        {
            if (!taken.Contains(slot))
            {
                return slot;
            }
        }

        return null;
    }
}
