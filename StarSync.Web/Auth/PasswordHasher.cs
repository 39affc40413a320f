using Microsoft.Extensions.Options;

namespace StarSync.Web.Auth;

/// <summary>BCrypt hashing with the configured work factor.</summary>
public sealed class PasswordHasher(IOptions<AuthOptions> options)
{
    // A real hash of a random password at the same cost: verifying against it makes "no such email" take as long
    // as "wrong password", so timing reveals nothing.
    private readonly Lazy<string> _decoy = new(() => BCrypt.Net.BCrypt.HashPassword(Guid.NewGuid().ToString("N"), options.Value.BcryptWorkFactor));

    public string Hash(string password) => BCrypt.Net.BCrypt.HashPassword(password, options.Value.BcryptWorkFactor);

    /// <summary>Checks <paramref name="password"/>; with a null hash it spends the same time and says no.</summary>
    public bool Verify(string password, string? hash)
    {
        if (hash is null)
        {
            BCrypt.Net.BCrypt.Verify(password, _decoy.Value);
            return false;
        }

        try
        {
            return BCrypt.Net.BCrypt.Verify(password, hash);
        }
        catch (BCrypt.Net.SaltParseException)
        {
            return false;
        }
    }
}
