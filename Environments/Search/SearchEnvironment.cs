using System.Globalization;
using System.Text;
using AgentRL.Environments.Text;
using AgentRL.Runtime.Serialization;

namespace AgentRL.Environments.Search;

/// <summary>
/// Multi-hop question answering with a search tool over a generated knowledge base (shared/ENVIRONMENTS.md §3).
/// Actions are <c>search[query]</c> (shows the top-k passages) and <c>answer[text]</c> (ends the episode, graded by
/// token F1 against the best alias). Every action, valid or not, uses one of the turns. The reset seed is accepted
/// for the contract but changes nothing: a task's question is fixed by its id and the content seed.
/// </summary>
public sealed class SearchEnvironment : IEnvironment
{
    public const string EnvironmentName = "search";

    private const byte SnapshotVersion = 1;
    private const string ActionForms = "search[query] to look up passages, or answer[text] to give your final answer";

    private readonly SearchOptions _options;
    private readonly SearchWorld _world;
    private readonly List<SearchRecord> _searches = [];
    private readonly List<int> _retrieved = []; // sorted, distinct
    private SearchQuestion? _question;
    private int _taskId;
    private int _stepCount;
    private bool _done;
    private bool _success;
    private double _score;
    private string? _answer;

    public SearchEnvironment(SearchOptions? options = null)
    {
        _options = options ?? new SearchOptions();
        _options.Validate();
        _world = SearchWorld.For(_options);
        Splits = new TaskSplits(_options.TrainTaskCount, _options.ValidationTaskCount, _options.TestTaskCount);
    }

    public string Name => EnvironmentName;

    // Snapshots name the exact knowledge base, so one is never restored against different passages.
    private string SnapshotIdentity => string.Create(
        CultureInfo.InvariantCulture,
        $"{EnvironmentName}/{_options.ContentSeed}/{_options.CountryCount}/{_options.CityCount}/{_options.PersonCount}/{_options.CompanyCount}/{_options.WorkCount}/{_options.LookAlikeProbability:R}");

    public TaskSplits Splits { get; }

    public SearchOptions Options => _options;

    /// <summary>The shared knowledge base the searches run over.</summary>
    internal SearchKnowledgeBase KnowledgeBase => _world.KnowledgeBase;

    /// <summary>The current task's question with its hops and aliases (for learners and tests, not for the policy).</summary>
    internal SearchQuestion Question => RequireQuestion();

    public string? GroundTruth => _question?.Answer;

    /// <summary>How many turns the episode has used, valid or not.</summary>
    public int StepCount => _stepCount;

    /// <summary>"searches:sorted retrieved passage ids", e.g. "2:14,87,301".</summary>
    public string CellKey
    {
        get
        {
            var key = new StringBuilder(8 + _retrieved.Count * 5);
            key.Append(_searches.Count.ToString(CultureInfo.InvariantCulture)).Append(':');
            for (var i = 0; i < _retrieved.Count; i++)
            {
                if (i > 0)
                {
                    key.Append(',');
                }

                key.Append(_retrieved[i].ToString(CultureInfo.InvariantCulture));
            }

            return key.ToString();
        }
    }

    /// <summary>The question of any task id, without starting an episode.</summary>
    internal SearchQuestion QuestionOf(int taskId)
    {
        Splits.SplitOf(taskId);
        return _world.Questions[taskId];
    }

    public EnvironmentStep Reset(int taskId, int seed = 0)
    {
        Splits.SplitOf(taskId);
        _question = _world.Questions[taskId];
        _taskId = taskId;
        _stepCount = 0;
        _done = false;
        _success = false;
        _score = 0;
        _answer = null;
        _searches.Clear();
        _retrieved.Clear();
        var observation = new StringBuilder();
        observation.Append("Answer the question using the search tool. Each search shows the top ")
            .Append(_options.TopK.ToString(CultureInfo.InvariantCulture))
            .Append(" passages of the knowledge base.\n");
        AppendState(observation);
        return Result(observation.ToString(), 0, valid: true);
    }

    public EnvironmentStep Step(string action)
    {
        RequireQuestion();
        if (_done)
        {
            throw new InvalidOperationException("The episode is over; call Reset to start another.");
        }

        if (!TryParse(action, out var verb, out var argument))
        {
            return Invalid(ActionText.Describe(action));
        }

        var words = TextTokens.Normalize(argument);
        return verb switch
        {
            "search" when words.Length == 0 => Invalid($"{ActionText.Describe(action)}: a search needs at least one word"),
            "answer" when words.Length == 0 => Invalid($"{ActionText.Describe(action)}: an answer needs at least one word"),
            "search" => Search(words),
            "answer" => Answer(argument, words),
            _ => Invalid(ActionText.Describe(action)),
        };
    }

    public byte[] Snapshot()
    {
        RequireQuestion();
        return SnapshotFormat.Write(SnapshotIdentity, SnapshotVersion, writer =>
        {
            writer.WriteVarInt32(_taskId);
            writer.WriteVarInt32(_stepCount);
            writer.WriteBoolean(_done);
            writer.WriteBoolean(_success);
            writer.WriteDouble(_score);
            writer.WriteString(_answer);
            writer.WriteVarInt32(_searches.Count);
            foreach (var search in _searches)
            {
                writer.WriteString(search.Query);
                writer.WriteVarInt32(search.PassageIds.Length);
                foreach (var id in search.PassageIds)
                {
                    writer.WriteVarInt32(id);
                }
            }
        });
    }

    public void Restore(ReadOnlySpan<byte> snapshot)
    {
        // Read everything into locals first, so corrupt bytes leave the current episode untouched.
        var taskId = 0;
        var stepCount = 0;
        var done = false;
        var success = false;
        var score = 0.0;
        string? answer = null;
        var searches = new List<SearchRecord>();
        var passageCount = KnowledgeBase.Passages.Count;
        SnapshotFormat.Read(snapshot, SnapshotIdentity, SnapshotVersion, (ref WireReader reader) =>
        {
            taskId = Check(reader.ReadVarInt32(), 0, Splits.Count - 1, "task id");
            stepCount = Check(reader.ReadVarInt32(), 0, _options.StepLimit, "step count");
            done = reader.ReadBoolean();
            success = reader.ReadBoolean();
            score = reader.ReadDouble();
            answer = reader.ReadString();
            var count = Check(reader.ReadVarInt32(), 0, stepCount, "search count");
            for (var s = 0; s < count; s++)
            {
                var query = reader.ReadString() ?? throw new FormatException("A search without a query.");
                var ids = new int[Check(reader.ReadVarInt32(), 0, _options.TopK, "result count")];
                for (var i = 0; i < ids.Length; i++)
                {
                    ids[i] = Check(reader.ReadVarInt32(), 0, passageCount - 1, "passage id");
                }

                searches.Add(new SearchRecord(query, ids));
            }
        });

        if (!(score is >= 0 and <= 1) || (success && !done) || (answer is not null && !done))
        {
            throw new FormatException($"The '{EnvironmentName}' snapshot is corrupt: its episode state is inconsistent.");
        }

        _question = _world.Questions[taskId];
        _taskId = taskId;
        _stepCount = stepCount;
        _done = done;
        _success = success;
        _score = score;
        _answer = answer;
        _searches.Clear();
        _searches.AddRange(searches);
        _retrieved.Clear();
        foreach (var search in searches)
        {
            Remember(search.PassageIds);
        }
    }

    /// <summary>
    /// The scripted expert: searches, hop by hop, for the first fact not yet in the retrieved passages, and answers
    /// with the canonical answer once every hop is covered or when the turns left would not fit the missing searches.
    /// </summary>
    public string? ExpertAction()
    {
        if (_question is null || _done)
        {
            return null;
        }

        QuestionHop? next = null;
        var missing = 0;
        foreach (var hop in _question.Hops)
        {
            if (!hop.SupportingPassageIds.Any(id => _retrieved.BinarySearch(id) >= 0))
            {
                next ??= hop;
                missing++;
            }
        }

        var turnsLeft = _options.StepLimit - _stepCount;
        return next is null || turnsLeft <= missing ? $"answer[{_question.Answer}]" : $"search[{next.ExpertQuery}]";
    }

    /// <summary>Free-text actions: there is no finite list.</summary>
    public IReadOnlyList<string>? ValidActions() => null;

    private EnvironmentStep Search(string query)
    {
        var hits = KnowledgeBase.Search(query, _options.TopK);
        var ids = new int[hits.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = hits[i].Document;
        }

        _searches.Add(new SearchRecord(query, ids));
        Remember(ids);
        _stepCount++;
        var observation = new StringBuilder();
        AppendState(observation);
        if (_stepCount >= _options.StepLimit)
        {
            _done = true;
            observation.Append("\nAll turns are used and no answer was given; the episode is over.");
        }

        return Result(observation.ToString(), 0, valid: true);
    }

    private EnvironmentStep Answer(string argument, string words)
    {
        var grade = AnswerGrading.Grade(argument, _question!.Aliases);
        _stepCount++;
        _done = true;
        _answer = words;
        _score = grade.F1;
        _success = grade.ExactMatch;
        return Result($"Your answer: {words}\nThe episode is over.", grade.F1, valid: true);
    }

    private EnvironmentStep Invalid(string reason)
    {
        _stepCount++;
        var observation = new StringBuilder();
        observation.Append("Invalid action: ").Append(reason).Append(". Valid actions: ").Append(ActionForms).Append(".\n");
        AppendState(observation);
        if (_stepCount >= _options.StepLimit)
        {
            _done = true;
            observation.Append("\nAll turns are used and no answer was given; the episode is over.");
        }

        return Result(observation.ToString(), _options.InvalidActionPenalty, valid: false);
    }

    /// <summary>
    /// The question, the latest search with its numbered results, and the turns left. Earlier results are not repeated:
    /// the rollout loop keeps the conversation, so repeating them would only make observations grow with every turn.
    /// </summary>
    private void AppendState(StringBuilder observation)
    {
        observation.Append("Question: ").Append(_question!.Text).Append('\n');
        for (var s = Math.Max(0, _searches.Count - 1); s < _searches.Count; s++)
        {
            var search = _searches[s];
            observation.Append("Search ").Append((s + 1).ToString(CultureInfo.InvariantCulture)).Append(": ").Append(search.Query).Append('\n');
            if (search.PassageIds.Length == 0)
            {
                observation.Append("No passage matched.\n");
            }

            for (var i = 0; i < search.PassageIds.Length; i++)
            {
                observation.Append('[').Append((i + 1).ToString(CultureInfo.InvariantCulture)).Append("] ")
                    .Append(KnowledgeBase.Passages[search.PassageIds[i]].Text).Append('\n');
            }
        }

        var left = Math.Max(0, _options.StepLimit - _stepCount);
        observation.Append("Turns left: ").Append(left.ToString(CultureInfo.InvariantCulture))
            .Append(" of ").Append(_options.StepLimit.ToString(CultureInfo.InvariantCulture))
            .Append(". Use ").Append(ActionForms).Append('.');
    }

    private static bool TryParse(string? action, out string verb, out string argument) =>
        ActionText.TryParseCall(action, out verb, out argument)
        || ActionText.TryParseCall(ActionText.Normalize(action), out verb, out argument);

    private void Remember(int[] ids)
    {
        foreach (var id in ids)
        {
            var at = _retrieved.BinarySearch(id);
            if (at < 0)
            {
                _retrieved.Insert(~at, id);
            }
        }
    }

    private EnvironmentStep Result(string observation, double reward, bool valid) =>
        new(observation, reward, _done, new StepInfo(valid, _success, _score, _stepCount));

    private SearchQuestion RequireQuestion() => _question ?? throw new InvalidOperationException("Call Reset before using the environment.");

    private static int Check(int value, int min, int max, string what) =>
        value >= min && value <= max ? value : throw new FormatException($"The '{EnvironmentName}' snapshot is corrupt: {what} {value} is outside [{min}, {max}].");
}
