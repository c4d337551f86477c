using AgentRL.Runtime.Membership;
using AgentRL.Runtime.Placement;
using AgentRL.Runtime.Tests.Membership;

namespace AgentRL.Runtime.Tests.Placement;

public sealed class PlacementDirectorTests
{
    private static readonly SiloAddress A = TestViews.A;
    private static readonly SiloAddress B = TestViews.B;
    private static readonly SiloAddress C = TestViews.C;

    private static ClusterView View(SiloAddress self, params (SiloAddress Silo, SiloStatus Status, string[] Roles)[] silos) => TestViews.Of(self, silos);

    private static readonly ClusterView ThreeSilos = View(A, (A, SiloStatus.Active, []), (B, SiloStatus.Active, ["learner"]), (C, SiloStatus.ShuttingDown, ["learner"]));

    private static GrainId Grain(int i) => new("Probe", $"k{i}");

    [Fact]
    public void RandomPlacementUsesEveryActiveSiloAndNoOther()
    {
        var chosen = Enumerable.Range(0, 200).Select(i => PlacementDirector.Place(Grain(i), PlacementStrategy.Random, ThreeSilos)).ToHashSet();
        Assert.Equal(new HashSet<SiloAddress> { A, B }, chosen);
    }

    [Fact]
    public void PreferLocalPlacementPicksTheCallingSiloUnlessItIsLeaving()
    {
        Assert.All(Enumerable.Range(0, 20), i => Assert.Equal(A, PlacementDirector.Place(Grain(i), PlacementStrategy.PreferLocal, ThreeSilos)));
        Assert.All(Enumerable.Range(0, 20), i => Assert.Equal(B, PlacementDirector.Place(Grain(i), PlacementStrategy.PreferLocal, ThreeSilos, selfTakesActivations: false)));
    }

    [Fact]
    public void HashPlacementIsTheSameFromEverySilo()
    {
        var fromB = View(B, (A, SiloStatus.Active, []), (B, SiloStatus.Active, ["learner"]));
        var picks = Enumerable.Range(0, 100).Select(i => PlacementDirector.Place(Grain(i), PlacementStrategy.HashBased, ThreeSilos)).ToList();
        Assert.Equal(picks, Enumerable.Range(0, 100).Select(i => PlacementDirector.Place(Grain(i), PlacementStrategy.HashBased, fromB)));
        Assert.Equal(2, picks.Distinct().Count());
    }

    [Fact]
    public void RolePlacementPicksOnlyActiveSilosWithTheRole()
    {
        var learner = PlacementStrategy.ForRole("learner", fallBackToAnySilo: false);
        Assert.All(Enumerable.Range(0, 50), i => Assert.Equal(B, PlacementDirector.Place(Grain(i), learner, ThreeSilos)));
    }

    [Fact]
    public void ARequiredRoleThatNoSiloHasIsAClearError()
    {
        var error = Assert.Throws<NoSiloForRoleException>(() => PlacementDirector.Place(Grain(1), PlacementStrategy.ForRole("gpu", false), ThreeSilos));
        Assert.Contains("'gpu'", error.Message);
        Assert.Contains("--role gpu", error.Message);
        var anywhere = PlacementDirector.Place(Grain(1), PlacementStrategy.ForRole("gpu", fallBackToAnySilo: true), ThreeSilos);
        Assert.Contains(anywhere, new[] { A, B });
    }

    [Fact]
    public void ASiloKeyedGrainGoesToTheSiloItsKeyNames()
    {
        Assert.Equal(B, PlacementDirector.Place(new GrainId("Directory", B.ToString()), PlacementStrategy.KeyedBySilo, ThreeSilos));
        var dead = new SiloAddress("127.0.0.1", 9, 99);
        Assert.Throws<SiloUnavailableException>(() => PlacementDirector.Place(new GrainId("Directory", dead.ToString()), PlacementStrategy.KeyedBySilo, ThreeSilos));
    }

    [Fact]
    public void SuspectedSilosArePassedOverWhileAnotherRemains()
    {
        var view = View(A, (A, SiloStatus.Active, []), (B, SiloStatus.Active, []), (C, SiloStatus.Active, []));
        Assert.All(Enumerable.Range(0, 50), i => Assert.Equal(A, PlacementDirector.Place(Grain(i), PlacementStrategy.Random, view, avoid: [B, C])));
        // With every silo suspected, placement still answers (the call then fails at the silo, not here).
        Assert.Contains(PlacementDirector.Place(Grain(1), PlacementStrategy.Random, view, avoid: [A, B, C]), new[] { A, B, C });
    }

    [Fact]
    public void NoActiveSiloMeansUnavailable() =>
        Assert.Throws<SiloUnavailableException>(() => PlacementDirector.Place(Grain(1), PlacementStrategy.Random, View(A, (A, SiloStatus.Dead, []))));
}
