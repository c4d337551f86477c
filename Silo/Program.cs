using AgentRL.Grains.Demo;
using AgentRL.Runtime.Hosting;
using Microsoft.Extensions.Hosting;

// A silo process: SQLite storage in a data folder, a gateway on loopback (configurable, e.g.
// --AgentRL:Gateway:Port=30001 --AgentRL:Storage:Default:DatabasePath=data/other.db), and every grain in Grains/.
var builder = Host.CreateApplicationBuilder(args);
builder.UseAgentSilo(silo => silo
    .AddGrainAssembly(typeof(TallyGrain).Assembly)
    .AddSqliteGrainStorage());
await builder.Build().RunAsync();
