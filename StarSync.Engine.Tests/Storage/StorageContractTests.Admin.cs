using StarSync.Engine.Accounts;
using StarSync.Engine.Astrologers;
using StarSync.Engine.Platform;
using StarSync.Engine.Storage;

namespace StarSync.Engine.Tests.Storage;

/// <summary>The astrologer profile and platform settings ports.</summary>
public abstract partial class StorageContractTests
{
    private IAstrologerProfileStore Profiles => Ports.AstrologerProfiles;

    private static AstrologerDetails Details(string name = "Pandit Ravi Shastri", string language = "Hindi", string expertise = "Vedic") => new()
    {
        DisplayName = name,
        Languages = [language, "English"],
        Expertise = [expertise, "KP"],
        YearsOfExperience = 12,
        Bio = "Twelve years of Parashari practice.",
        MinRatePerMinute = 1_000,
        MaxRatePerMinute = 5_000,
        RatePerMinute = 2_500,
    };

    [SkippableFact]
    public async Task A_profile_is_created_once_per_account_trimmed_and_deduplicated()
    {
        var id = "astro" + Unique();
        var created = await Profiles.CreateAsync(id, Details() with { DisplayName = "  Pandit Ravi  ", Languages = ["Hindi", " hindi ", "Tamil"] });

        Assert.NotNull(created);
        Assert.Equal("Pandit Ravi", created.Details.DisplayName);
        Assert.Equal(["Hindi", "Tamil"], created.Details.Languages);
        Assert.Equal(["Vedic", "KP"], created.Details.Expertise);
        Assert.Equal(2_500, created.Details.RatePerMinute);
        Assert.Equal(AccountStatus.Active, created.Status);
        Assert.Equal(Start, created.CreatedAt);
        var found = await Profiles.FindAsync(id);
        Assert.NotNull(found);
        Assert.Equal(created.Details.Languages, found.Details.Languages);
        Assert.Equal("Twelve years of Parashari practice.", found.Details.Bio);
        Assert.Null(await Profiles.CreateAsync(id, Details("Someone else")));
        Assert.Equal("Pandit Ravi", (await Profiles.FindAsync(id))!.Details.DisplayName);
        Assert.Null(await Profiles.FindAsync("no-such-astrologer"));
    }

    [SkippableFact]
    public async Task Out_of_range_details_are_refused_naming_the_field()
    {
        var id = "astro" + Unique();
        var rate = await Assert.ThrowsAsync<ArgumentException>(() => Profiles.CreateAsync(id, Details() with { RatePerMinute = 9_000 }));
        Assert.Equal("ratePerMinute", rate.ParamName);
        var range = await Assert.ThrowsAsync<ArgumentException>(() => Profiles.CreateAsync(id, Details() with { MaxRatePerMinute = 500 }));
        Assert.Equal("maxRatePerMinute", range.ParamName);
        var languages = await Assert.ThrowsAsync<ArgumentException>(() => Profiles.CreateAsync(id, Details() with { Languages = [] }));
        Assert.Equal("languages", languages.ParamName);
        var name = await Assert.ThrowsAsync<ArgumentException>(() => Profiles.CreateAsync(id, Details() with { DisplayName = "  " }));
        Assert.Equal("displayName", name.ParamName);
        Assert.Null(await Profiles.FindAsync(id));
    }

    [SkippableFact]
    public async Task Update_photo_and_status_change_a_live_profile()
    {
        var id = "astro" + Unique();
        await Profiles.CreateAsync(id, Details());
        Clock.Advance(TimeSpan.FromMinutes(5));

        Assert.True(await Profiles.UpdateAsync(id, Details("Acharya Ravi") with { RatePerMinute = 4_000, YearsOfExperience = 13 }));
        var first = await Profiles.SetPhotoAsync(id, new AccountAvatar("/assets/astrologers/a.webp", "astrologers/a.webp"));
        var second = await Profiles.SetPhotoAsync(id, new AccountAvatar("/assets/astrologers/b.webp", "astrologers/b.webp"));
        Assert.True(await Profiles.SetStatusAsync(id, AccountStatus.Deactivated));

        Assert.Equal(new AvatarChange(true, null), first);
        Assert.Equal(new AvatarChange(true, new AccountAvatar("/assets/astrologers/a.webp", "astrologers/a.webp")), second);
        var profile = await Profiles.FindAsync(id);
        Assert.NotNull(profile);
        Assert.Equal("Acharya Ravi", profile.Details.DisplayName);
        Assert.Equal(4_000, profile.Details.RatePerMinute);
        Assert.Equal(13, profile.Details.YearsOfExperience);
        Assert.Equal("astrologers/b.webp", profile.Photo?.Key);
        Assert.Equal(AccountStatus.Deactivated, profile.Status);
        Assert.Equal(Start, profile.CreatedAt);
        Assert.Equal(Start.AddMinutes(5), profile.UpdatedAt);
        Assert.False(await Profiles.UpdateAsync("no-such-astrologer", Details()));
        Assert.False(await Profiles.SetStatusAsync("no-such-astrologer", AccountStatus.Active));
        await Assert.ThrowsAsync<ArgumentException>(() => Profiles.SetStatusAsync(id, AccountStatus.Deleted));
    }

    [SkippableFact]
    public async Task Scrubbing_keeps_a_tombstone_under_an_anonymised_name_that_never_changes_again()
    {
        var id = "astro" + Unique();
        await Profiles.CreateAsync(id, Details("Jyotishi Kavya Menon"));
        await Profiles.SetPhotoAsync(id, new AccountAvatar("/assets/astrologers/k.webp", "astrologers/k.webp"));

        var before = await Profiles.ScrubAsync(id);

        Assert.Equal("Jyotishi Kavya Menon", before?.Details.DisplayName);
        Assert.Equal("astrologers/k.webp", before?.Photo?.Key);
        var tombstone = await Profiles.FindAsync(id);
        Assert.NotNull(tombstone);
        Assert.Equal("Former astrologer " + id[^4..].ToUpperInvariant(), tombstone.Details.DisplayName);
        Assert.Empty(tombstone.Details.Languages);
        Assert.Empty(tombstone.Details.Expertise);
        Assert.Equal("", tombstone.Details.Bio);
        Assert.Null(tombstone.Photo);
        Assert.Equal(AccountStatus.Deleted, tombstone.Status);
        Assert.Null(await Profiles.ScrubAsync(id));
        Assert.False(await Profiles.UpdateAsync(id, Details()));
        Assert.False(await Profiles.SetStatusAsync(id, AccountStatus.Active));
        Assert.False((await Profiles.SetPhotoAsync(id, new AccountAvatar("/x.webp", "x"))).Changed);
        Assert.Equal(AccountStatus.Deleted, (await Profiles.FindAsync(id))!.Status);
    }

    [SkippableFact]
    public async Task The_list_filters_by_status_language_expertise_and_name_and_pages_by_name()
    {
        // A language and an expertise only this test uses, so other tests' profiles never count.
        var language = "Lang" + Unique();
        var expertise = "Craft" + Unique();
        var ids = new List<string>();
        foreach (var name in new[] { "Charu", "anand", "Bhavna", "Devika" })
        {
            var id = "astro" + Unique();
            ids.Add(id);
            await Profiles.CreateAsync(id, Details(name + " Joshi", language, name == "Devika" ? "Tarot" : expertise));
        }

        await Profiles.SetStatusAsync(ids[2], AccountStatus.Deactivated);

        var all = await Profiles.ListAsync(new AstrologerQuery { Language = language.ToUpperInvariant() });
        Assert.Equal(4, all.Total);
        Assert.Equal(["anand Joshi", "Bhavna Joshi", "Charu Joshi", "Devika Joshi"], all.Items.Select(p => p.Details.DisplayName));
        var active = await Profiles.ListAsync(new AstrologerQuery { Language = language, Status = AccountStatus.Active });
        Assert.Equal(["anand Joshi", "Charu Joshi", "Devika Joshi"], active.Items.Select(p => p.Details.DisplayName));
        var inactive = await Profiles.ListAsync(new AstrologerQuery { Language = language, Status = AccountStatus.Deactivated });
        Assert.Equal(["Bhavna Joshi"], inactive.Items.Select(p => p.Details.DisplayName));
        var crafted = await Profiles.ListAsync(new AstrologerQuery { Expertise = expertise });
        Assert.Equal(3, crafted.Total);
        var searched = await Profiles.ListAsync(new AstrologerQuery { Language = language, Search = "CHARU" });
        Assert.Equal([ids[0]], searched.Items.Select(p => p.AccountId));
        var second = await Profiles.ListAsync(new AstrologerQuery { Language = language, Skip = 2, Take = 2 });
        Assert.Equal(4, second.Total);
        Assert.Equal(["Charu Joshi", "Devika Joshi"], second.Items.Select(p => p.Details.DisplayName));
        Assert.False(second.HasMore);
    }

    [SkippableFact]
    public async Task Platform_settings_start_unsaved_and_each_save_must_name_the_version_it_read()
    {
        // The only test touching the one settings document of this database.
        Assert.Null(await Ports.PlatformSettings.GetAsync());
        Clock.Advance(TimeSpan.FromHours(1));

        var first = await Ports.PlatformSettings.SaveAsync(new PlatformSettings { CommissionBasisPoints = 2500, TaxLabel = " IGST " }, "admin-1");
        Assert.NotNull(first);
        Assert.Equal(1, first.Version);
        Assert.Equal(2500, first.CommissionBasisPoints);
        Assert.Equal("IGST", first.TaxLabel);
        Assert.Equal("admin-1", first.UpdatedBy);
        Assert.Equal(Start.AddHours(1), first.UpdatedAt);
        Assert.Equal(first, await Ports.PlatformSettings.GetAsync());

        // A stale version (another admin saved in between) is refused and changes nothing.
        Assert.Null(await Ports.PlatformSettings.SaveAsync(new PlatformSettings { CommissionBasisPoints = 4000 }, "admin-2"));
        Assert.Equal(2500, (await Ports.PlatformSettings.GetAsync())!.CommissionBasisPoints);

        var outcomes = Concurrently.Run(8, i => Ports.PlatformSettings.SaveAsync(first with { MinimumBalanceMinutes = i + 1 }, $"admin-{i}"));
        var saved = Assert.Single(outcomes, o => o is not null);
        Assert.Equal(2, saved!.Version);
        Assert.Equal(saved.MinimumBalanceMinutes, (await Ports.PlatformSettings.GetAsync())!.MinimumBalanceMinutes);

        var bad = await Assert.ThrowsAsync<ArgumentException>(() => Ports.PlatformSettings.SaveAsync(saved with { CommissionBasisPoints = 10_001 }, "admin-1"));
        Assert.Equal("commissionBasisPoints", bad.ParamName);
        Assert.Equal(2, (await Ports.PlatformSettings.GetAsync())!.Version);
    }
}
