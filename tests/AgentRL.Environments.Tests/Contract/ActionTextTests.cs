namespace AgentRL.Environments.Tests.Contract;

public sealed class ActionTextTests
{
    [Theory]
    [InlineData("Go Forward", "go forward")]
    [InlineData("  [turn   LEFT] ", "turn left")]
    [InlineData("(pick up)", "pick up")]
    [InlineData("", null)]
    [InlineData("   ", null)]
    [InlineData("[ ]", null)]
    public void NormalizeForgivesCaseWhitespaceAndBrackets(string action, string? expected) =>
        Assert.Equal(expected, ActionText.Normalize(action));

    [Fact]
    public void OverlongActionsAreRejectedUnread() =>
        Assert.Null(ActionText.Normalize(new string('a', ActionText.MaxLength + 1)));

    [Theory]
    [InlineData("search[Waterproof Boots]", "search", "Waterproof Boots")]
    [InlineData(" CLICK [ Buy Now ] ", "click", "Buy Now")]
    public void CallsParseVerbAndArgument(string action, string verb, string argument)
    {
        Assert.True(ActionText.TryParseCall(action, out var v, out var a));
        Assert.Equal(verb, v);
        Assert.Equal(argument, a);
    }

    [Theory]
    [InlineData("search")]
    [InlineData("[x]")]
    [InlineData("click[x")]
    public void MalformedCallsAreRejected(string action) => Assert.False(ActionText.TryParseCall(action, out _, out _));
}
