using System.Globalization;
using AgentRL.Learning.Checkpoints;
using AgentRL.Learning.Cloning;
using AgentRL.Learning.Trajectories;
using AgentRL.Torch;

namespace AgentRL.Learning.Benchmarks;

/// <summary>
/// Base models kept between benchmark runs: cloning takes minutes on two cores, and a base cloned on a GPU machine is
/// brought back as a folder and compared here.
/// </summary>
internal static class BaseModelCache
{
    /// <summary>
    /// The base model saved in <paramref name="folder"/> when a run with the same folder made one before, else a new one
    /// from <paramref name="train"/>, saved there. Empty: always a new one. A loaded model is put on
    /// <paramref name="device"/>; a trained one stays where its recipe cloned it.
    /// </summary>
    public static BaseModel LoadOrTrain(string folder, Func<BaseModel> train, string device = "cpu")
    {
        if (folder.Length > 0 && File.Exists(Path.Combine(folder, "checkpoint.json")))
        {
            var info = PolicyCheckpoint.ReadInfo(folder);
            var context = PolicyPackage.Context(PolicyCheckpoint.LoadTokenizer(folder), info.Metadata);
            var model = PolicyCheckpoint.LoadModel(folder);
            model.To(Device.Resolve(device));
            Console.WriteLine($"base model loaded from {folder}");
            return new BaseModel(context, model, 0, PolicyPackage.MaxActionTokens(info)!.Value, []);
        }

        var trained = train();
        Save(folder, trained);
        return trained;
    }

    /// <summary>Keeps <paramref name="baseModel"/> in <paramref name="folder"/> (nothing when the folder is empty).</summary>
    public static void Save(string folder, BaseModel baseModel)
    {
        if (folder.Length > 0)
        {
            PolicyCheckpoint.Save(folder, baseModel.Model, baseModel.Context.Tokenizer, optimizer: null, step: 0, PolicyPackage.CheckpointMetadata(baseModel.Context, 0, baseModel.LongestAction));
            Console.WriteLine($"base model saved in {folder}");
        }
    }

    /// <summary>Prints each cloning epoch's loss and the time so far, for cloning runs that take tens of minutes.</summary>
    public static Action<int, double> Progress()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        return (epoch, loss) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cloning epoch {epoch}: loss {loss:F3} ({clock.Elapsed.TotalMinutes:F1} min)"));
    }
}
