using AgentRL.Runtime.Membership;

namespace AgentRL.Runtime.Tests.Membership;

public sealed class InMemoryMembershipTableTests : MembershipTableContract
{
    protected override Task<IMembershipTable> CreateTableAsync() => Task.FromResult<IMembershipTable>(new InMemoryMembershipTable());
}
