using AgentRL.Runtime.Membership;

namespace AgentRL.Runtime.Tests.Membership;

public sealed class SiloAddressTests
{
    [Fact]
    public void TextRoundTripsAndARestartIsANewIncarnationOnTheSameEndPoint()
    {
        var address = new SiloAddress("127.0.0.1", 11111, 1_763_000_000_123);
        Assert.Equal("127.0.0.1:11111@1763000000123", address.ToString());
        Assert.Equal(address, SiloAddress.Parse(address.ToString()));
        Assert.Equal(new SiloAddress("::1", 5, 6), SiloAddress.Parse("::1:5@6"));

        var restarted = address with { Generation = address.Generation + 1 };
        Assert.NotEqual(address, restarted);
        Assert.True(address.SameEndPoint(restarted));
    }

    [Theory]
    [InlineData("")]
    [InlineData("127.0.0.1:11111")]
    [InlineData("127.0.0.1@5")]
    [InlineData("nohost:1@2")]
    [InlineData("127.0.0.1:x@2")]
    [InlineData("127.0.0.1:1@-2")]
    public void MalformedAddressesAreRefused(string text) =>
        Assert.Contains("is not a silo address", Assert.Throws<FormatException>(() => SiloAddress.Parse(text)).Message);
}
