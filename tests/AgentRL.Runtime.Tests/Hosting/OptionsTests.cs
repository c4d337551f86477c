using AgentRL.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AgentRL.Runtime.Tests.Hosting;

public sealed class OptionsTests
{
    [Fact]
    public async Task OptionsBindFromConfiguration()
    {
        await using var silo = await TestSilo.StartAsync(settings: new Dictionary<string, string?>
        {
            ["AgentRL:Messaging:ResponseTimeout"] = "00:00:07",
            ["AgentRL:GrainCollection:CollectionAge"] = "00:02:00",
            ["AgentRL:Silo:SiloName"] = "learner-1",
        });

        Assert.Equal(TimeSpan.FromSeconds(7), silo.Services.GetRequiredService<IOptions<MessagingOptions>>().Value.ResponseTimeout);
        Assert.Equal(TimeSpan.FromMinutes(2), silo.Services.GetRequiredService<IOptions<GrainCollectionOptions>>().Value.CollectionAge);
        Assert.Equal("learner-1", silo.Services.GetRequiredService<IOptions<SiloOptions>>().Value.SiloName);
    }

    [Fact]
    public async Task InvalidOptionsStopTheSiloFromStartingWithTheSettingsName()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TestSilo.StartAsync(settings: new Dictionary<string, string?>
        {
            ["AgentRL:Messaging:ResponseTimeout"] = "00:00:00",
        }));

        Assert.Contains("AgentRL:Messaging:ResponseTimeout must be positive", error.Message);
    }

    [Fact]
    public async Task TheGatewayBindsToLoopbackByDefault()
    {
        await using var silo = await TestSilo.StartAsync();

        Assert.True(System.Net.IPAddress.IsLoopback(silo.GatewayEndPoint.Address));
        Assert.NotEqual(0, silo.GatewayEndPoint.Port);
    }
}
