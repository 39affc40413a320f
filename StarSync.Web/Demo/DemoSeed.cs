using System.Security.Cryptography;
using System.Text.Json;
using StarSync.Engine.Accounts;
using StarSync.Engine.Astrologers;
using StarSync.Engine.Storage;
using StarSync.Engine.Wallet;
using StarSync.Web.Admin;
using StarSync.Web.Auth;
using StarSync.Web.Hosting;

namespace StarSync.Web.Demo;

/// <summary>A demo account someone can sign in with, as printed at start-up.</summary>
public sealed record DemoSignIn(AccountRole Role, string Id, string Name, string Email, string Password);

/// <summary>
/// Seeds the demo accounts (<see cref="DemoCatalogue"/>) at start-up when <c>STARSYNC_DEMO=true</c>, and prints how to
/// sign in as each. Every step is idempotent, so restarts (also after a crash half-way) never duplicate anything or
/// credit twice: accounts are found by email before they are created, a profile is created only where none exists
/// (an astrologer's own later edits stay), and the user's credit is one ledger posting under
/// <see cref="DemoCatalogue.CreditKey"/>, which the ledger writes at most once.
/// </summary>
/// <remarks>
/// Passwords are chosen once per installation (random) and kept in <see cref="PasswordFileName"/> in the data folder, so
/// the same ones work after a restart. At every start each demo account is made to accept its password again (a
/// password changed through the app is set back), so what the log prints always works. Deleting the file gives new
/// passwords at the next start.
/// </remarks>
public sealed class DemoSeed(
    IAccountStore accounts,
    IAstrologerProfileStore profiles,
    ILedgerStore ledger,
    IAuditLog audit,
    PasswordHasher hasher,
    PlatformSettingsService settings,
    HostingSettings hosting,
    ILogger<DemoSeed> logger)
{
    public const string PasswordFileName = "demo-passwords.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Who the audit log and ledger name as having seeded the demo data.</summary>
    public const string Actor = "system";

    public string PasswordFile => Path.Combine(hosting.DataFolder, PasswordFileName);

    /// <summary>Creates whatever demo data is missing and prints the sign-ins; returns them.</summary>
    public async Task<IReadOnlyList<DemoSignIn>> SeedAsync(CancellationToken cancellationToken = default)
    {
        var passwords = await LoadPasswordsAsync(cancellationToken);
        var signIns = new List<DemoSignIn>();

        var user = await EnsureAccountAsync(DemoCatalogue.UserEmail, DemoCatalogue.UserName, AccountRole.User, passwords[DemoCatalogue.UserEmail], cancellationToken);
        await CreditAsync(user, cancellationToken);
        signIns.Add(new DemoSignIn(AccountRole.User, user.Id, user.Name, user.Email, passwords[DemoCatalogue.UserEmail]));

        var terms = await settings.RefreshAsync(cancellationToken);
        foreach (var demo in DemoCatalogue.Astrologers)
        {
            var account = await EnsureAccountAsync(demo.Email, demo.Name, AccountRole.Astrologer, passwords[demo.Email], cancellationToken);
            if (await profiles.FindAsync(account.Id, cancellationToken) is null)
            {
                // Kept inside the range the platform allows now, in case an admin narrowed it before demo mode was turned on.
                var min = Math.Clamp(demo.MinRatePerMinute, terms.MinRatePerMinute, terms.MaxRatePerMinute);
                var max = Math.Clamp(demo.MaxRatePerMinute, min, terms.MaxRatePerMinute);
                await profiles.CreateAsync(account.Id, new AstrologerDetails
                {
                    DisplayName = demo.Name,
                    Languages = demo.Languages,
                    Expertise = demo.Expertise,
                    YearsOfExperience = demo.YearsOfExperience,
                    Bio = demo.Bio,
                    MinRatePerMinute = min,
                    MaxRatePerMinute = max,
                    RatePerMinute = Math.Clamp(demo.RatePerMinute, min, max),
                }, cancellationToken);
            }

            signIns.Add(new DemoSignIn(AccountRole.Astrologer, account.Id, account.Name, account.Email, passwords[demo.Email]));
        }

        logger.LogWarning("Demo mode (STARSYNC_DEMO=true): demo accounts are ready. Their passwords are kept in {File}. Never use demo mode for real users.", PasswordFile);
        foreach (var s in signIns)
        {
            logger.LogWarning("Demo {Role}: {Name} — email {Email} password {Password}", s.Role.ToString().ToLowerInvariant(), s.Name, s.Email, s.Password);
        }

        return signIns;
    }

    private async Task<Account> EnsureAccountAsync(string email, string name, AccountRole role, string password, CancellationToken cancellationToken)
    {
        var account = await accounts.FindByEmailAsync(email, cancellationToken);
        if (account is null)
        {
            var created = await accounts.CreateAsync(new NewAccount { Email = email, Name = name, Role = role, PasswordHash = hasher.Hash(password) }, cancellationToken);
            account = created.Account ?? await accounts.FindByEmailAsync(email, cancellationToken)
                ?? throw new InvalidOperationException($"The demo account {email} could not be created.");
            if (created.Created)
            {
                await audit.AppendAsync(new NewAuditEntry("demo.account-created", Actor, account.Id, $"{role.ToString().ToLowerInvariant()} {name}"), cancellationToken);
            }
        }

        if (account.Role != role)
        {
            throw new InvalidOperationException($"Demo mode needs {email} for a demo {role.ToString().ToLowerInvariant()}, but it belongs to a {account.Role} account. Remove that account or turn demo mode off.");
        }

        if (!hasher.Verify(password, account.PasswordHash))
        {
            await accounts.SetPasswordHashAsync(account.Id, hasher.Hash(password), null, cancellationToken);
        }

        return account;
    }

    private async Task CreditAsync(Account user, CancellationToken cancellationToken)
    {
        // Platform-funded, like free minutes: a promotion against platform:promotions. Not a top-up (no card money came
        // in, so payment clearing, receipts and card refunds must not see it) and not an adjustment (that is an admin's
        // correction with a reason and an admin's key).
        var result = await ledger.PostAsync(new NewPosting
        {
            IdempotencyKey = DemoCatalogue.CreditKey(user.Id),
            Reference = "demo credit",
            Actor = Actor,
            Entries =
            [
                new NewLedgerEntry(LedgerAccounts.Wallet(user.Id), DemoCatalogue.UserCredit, LedgerEntryKind.Promotion),
                new NewLedgerEntry(LedgerAccounts.PlatformPromotions, -DemoCatalogue.UserCredit, LedgerEntryKind.Promotion),
            ],
        }, cancellationToken);
        if (result.Outcome == PostingOutcome.Posted)
        {
            await audit.AppendAsync(new NewAuditEntry("demo.wallet-credited", Actor, user.Id, $"{Money.Format(DemoCatalogue.UserCredit)} promotion, key {DemoCatalogue.CreditKey(user.Id)}"), cancellationToken);
        }
    }

    private async Task<Dictionary<string, string>> LoadPasswordsAsync(CancellationToken cancellationToken)
    {
        var passwords = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (File.Exists(PasswordFile))
        {
            await using var read = File.OpenRead(PasswordFile);
            foreach (var (email, password) in await JsonSerializer.DeserializeAsync<Dictionary<string, string>>(read, cancellationToken: cancellationToken) ?? [])
            {
                if (PasswordPolicy.Check(password, email) is null)
                {
                    passwords[email] = password;
                }
            }
        }

        var changed = false;
        foreach (var email in DemoCatalogue.Astrologers.Select(a => a.Email).Prepend(DemoCatalogue.UserEmail))
        {
            if (!passwords.ContainsKey(email))
            {
                passwords[email] = NewPassword();
                changed = true;
            }
        }

        if (changed)
        {
            Directory.CreateDirectory(hosting.DataFolder);
            var temporary = PasswordFile + ".tmp";
            await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(passwords, Indented), cancellationToken);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            File.Move(temporary, PasswordFile, overwrite: true);
        }

        return passwords;
    }

    // Three groups of four from an alphabet without look-alikes (no 0/o, 1/l/i): easy to type from a log line.
    private static string NewPassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        var chars = new char[14];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = i is 4 or 9 ? '-' : alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        }

        return new string(chars);
    }
}
