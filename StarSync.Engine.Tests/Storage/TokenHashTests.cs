using System.Text;
using StarSync.Engine.Accounts;

namespace StarSync.Engine.Tests.Storage;

public sealed class TokenHashTests
{
    [Fact]
    public void A_token_hash_is_the_lower_case_hex_HMAC_SHA256_of_the_token()
    {
        // RFC 4231, test case 2.
        var hash = TokenHash.Compute(Encoding.ASCII.GetBytes("Jefe"), "what do ya want for nothing?");

        Assert.Equal("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", hash);
        Assert.True(TokenHash.IsWellFormed(hash));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("a-raw-refresh-token-from-a-client")]
    [InlineData("5BDCC146BF60754E6A042426089575C75A003F089D2739839DEC58B964EC3843")]
    [InlineData("5bdcc146bf60754e6a04242608957")]
    public void Anything_but_a_lower_case_hex_digest_is_not_a_token_hash(string? candidate)
    {
        Assert.False(TokenHash.IsWellFormed(candidate));
    }
}
