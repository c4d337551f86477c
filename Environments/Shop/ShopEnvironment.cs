using System.Globalization;
using System.Text;
using AgentRL.Environments.Text;
using AgentRL.Runtime.Serialization;

namespace AgentRL.Environments.Shop;

/// <summary>
/// A WebShop-like shop (shared/ENVIRONMENTS.md, section 2): search, browse results, open an item, choose options and
/// buy. Observations are the page's visible text joined with " [SEP] ", always starting with the instruction. Actions
/// are <c>search[keywords]</c> on the search page and <c>click[value]</c> for a clickable of the current page
/// (a result is clicked by its id, or by its label "item k" with <see cref="ShopOptions.NumberedResults"/>).
/// The shop has no per-episode randomness: the episode is a function of (content seed, task id, actions), and the
/// seed passed to <see cref="Reset"/> changes nothing.
/// </summary>
public sealed class ShopEnvironment : IEnvironment
{
    internal const string BackToSearch = "back to search";
    internal const string NextPage = "next >";
    internal const string PreviousPage = "< prev";
    internal const string DescriptionButton = "description";
    internal const string FeaturesButton = "features";
    internal const string ReviewsButton = "reviews";
    internal const string BuyNow = "buy now";
    internal const string ResultLabelPrefix = "item ";

    private const byte SnapshotVersion = 1;
    private const string Separator = " [SEP] ";

    private static readonly string[] ItemButtons = [DescriptionButton, FeaturesButton, ReviewsButton, BuyNow];

    private readonly ShopOptions _options;
    private readonly ShopCatalogue _catalogue;
    private readonly Product[] _products;
    private readonly StringBuilder _text = new(1024);

    // The selected value of each of the current product's option groups, -1 for none.
    private readonly int[] _selected = new int[ProductTypes.All.Max(t => t.OptionGroups.Count)];

    private ShopInstruction? _instruction;
    private string _instructionPrefix = string.Empty;
    private ShopPage _page;
    private string _query = string.Empty;
    private int[] _results = [];
    private int _resultPage;
    private int _product = -1;
    private int _stepCount;
    private bool _done;
    private double _score;
    private bool _success;

    private int _expertTaskId = -1;
    private string _expertQuery = string.Empty;

    public ShopEnvironment(ShopOptions? options = null)
    {
        _options = options ?? ShopOptions.Small;
        _options.Validate();
        _catalogue = ShopCatalogue.Get(_options);
        _products = _catalogue.ProductArray;
        Splits = new TaskSplits(_options.TrainTaskCount, _options.ValidationTaskCount, _options.TestTaskCount);
    }

    /// <summary>
    /// "shop" (1,000 products), "shop-large" (100,000), or "shop-N" for other catalogue sizes; "-numbered" follows when
    /// results are clicked by position.
    /// </summary>
    public string Name => (_options.ProductCount switch
    {
        1_000 => "shop",
        100_000 => "shop-large",
        var count => $"shop-{count}",
    }) + (_options.NumberedResults ? "-numbered" : string.Empty);

    // Snapshots name the exact catalogue, so one is never restored into a shop with different products.
    private string SnapshotIdentity => string.Create(CultureInfo.InvariantCulture, $"shop/{_options.ProductCount}/{_options.ContentSeed}");

    public TaskSplits Splits { get; }

    public ShopOptions Options => _options;

    internal ShopCatalogue Catalogue => _catalogue;

    /// <summary>The current task's instruction (null before the first reset).</summary>
    internal ShopInstruction? Instruction => _instruction;

    /// <summary>The shop has no single right answer: several products can satisfy an instruction.</summary>
    public string? GroundTruth => null;

    /// <summary>(page kind, normalised query, product id, selected option values).</summary>
    public string CellKey
    {
        get
        {
            var key = new StringBuilder(64);
            key.Append(PageName(_page)).Append('|').Append(_query).Append('|');
            if (_product >= 0)
            {
                key.Append(_products[_product].Id);
            }

            key.Append('|');
            AppendSelectedValues(key, ",");
            return key.ToString();
        }
    }

    public EnvironmentStep Reset(int taskId, int seed = 0)
    {
        Splits.SplitOf(taskId);
        LoadTask(taskId);
        _page = ShopPage.Search;
        _query = string.Empty;
        _results = [];
        _resultPage = 0;
        _product = -1;
        _stepCount = 0;
        _done = false;
        _score = 0;
        _success = false;
        return new EnvironmentStep(RenderPage(), 0, false, new StepInfo(true, false, 0, 0));
    }

    public EnvironmentStep Step(string action)
    {
        EnsureStarted();
        if (_done)
        {
            throw new InvalidOperationException("The episode is over; call Reset to start another.");
        }

        _stepCount++;
        var error = Apply(action);
        string observation;
        double reward;
        if (error is not null)
        {
            observation = RenderInvalid(error);
            reward = _options.InvalidActionPenalty;
        }
        else if (_done)
        {
            observation = RenderPurchase();
            reward = _score;
        }
        else
        {
            observation = RenderPage();
            reward = 0;
        }

        if (!_done && _stepCount >= _options.StepLimit)
        {
            _done = true;
            _score = 0;
            _success = false;
            observation += $"{Separator}all {_options.StepLimit} steps are used; the episode is over";
        }

        return new EnvironmentStep(observation, reward, _done, new StepInfo(error is null, _success, _score, _stepCount));
    }

    /// <summary>
    /// The <c>click[...]</c> actions of the current page; null on the search page (and before the first reset), where
    /// <c>search[keywords]</c> takes free text and cannot be listed; empty once the episode is over.
    /// </summary>
    public IReadOnlyList<string>? ValidActions()
    {
        if (_instruction is null || _page == ShopPage.Search)
        {
            return _done ? [] : null;
        }

        if (_done)
        {
            return [];
        }

        var actions = new List<string>();
        foreach (var clickable in Clickables())
        {
            actions.Add($"click[{clickable}]");
        }

        return actions;
    }

    /// <summary>
    /// Shops the way a person would, from what the pages show: searches for the instruction's attributes and product type,
    /// opens the first result that satisfies the instruction fully, selects the asked options and buys. Only when that
    /// search finds no such product does it search for the target's brand, model and type (a name the instruction never
    /// gives), so it solves every task; demonstrations then teach queries a policy can write from the instruction alone.
    /// From any other state it first goes back (to the results if they hold a satisfying product, else to the search page).
    /// </summary>
    public string? ExpertAction()
    {
        if (_instruction is null || _done)
        {
            return null;
        }

        var choice = Array.FindIndex(_results, i => ShopReward.Satisfies(_instruction, _products[i]));
        switch (_page)
        {
            case ShopPage.Search:
                return $"search[{ExpertQuery()}]";
            case ShopPage.Results when choice < 0:
                return Click(BackToSearch);
            case ShopPage.Results:
                var choicePage = choice / _options.ResultsPerPage;
                return choicePage == _resultPage ? Click(ResultName(choice)) : Click(choicePage > _resultPage ? NextPage : PreviousPage);
            case ShopPage.Item when ShopReward.Satisfies(_instruction, _products[_product]):
                var product = _products[_product];
                foreach (var option in _instruction.Options)
                {
                    var group = Array.FindIndex(product.OptionArray, g => g.Name == option.Group);
                    if (_selected[group] != Array.IndexOf(product.OptionArray[group].ValueArray, option.Value))
                    {
                        return Click(option.Value);
                    }
                }

                return Click(BuyNow);
            case ShopPage.Item:
                return Click(choice >= 0 ? PreviousPage : BackToSearch);
            default:
                return Click(ShopReward.Satisfies(_instruction, _products[_product]) || choice >= 0 ? PreviousPage : BackToSearch);
        }
    }

    public byte[] Snapshot()
    {
        EnsureStarted();
        return SnapshotFormat.Write(SnapshotIdentity, SnapshotVersion, writer =>
        {
            writer.WriteVarInt32(_products.Length);
            writer.WriteVarInt32(_catalogue.ContentSeed);
            writer.WriteVarInt32(_instruction!.TaskId);
            writer.WriteByte((byte)_page);
            writer.WriteString(_query);
            writer.WriteVarInt32(_results.Length);
            foreach (var result in _results)
            {
                writer.WriteVarInt32(result);
            }

            writer.WriteVarInt32(_resultPage);
            writer.WriteVarInt32(_product);
            var groups = SelectedGroupCount();
            writer.WriteVarInt32(groups);
            for (var g = 0; g < groups; g++)
            {
                writer.WriteVarInt32(_selected[g]);
            }

            writer.WriteVarInt32(_stepCount);
            writer.WriteBoolean(_done);
            writer.WriteDouble(_score);
            writer.WriteBoolean(_success);
        });
    }

    public void Restore(ReadOnlySpan<byte> snapshot)
    {
        // Read everything and check it before touching the state, so a bad snapshot leaves the episode as it was.
        var taskId = 0;
        var page = ShopPage.Search;
        var query = string.Empty;
        int[] results = [];
        int resultPage = 0, product = -1, stepCount = 0;
        var groups = 0;
        var done = false;
        var success = false;
        var score = 0.0;
        var selectedCopy = new int[_selected.Length];
        SnapshotFormat.Read(snapshot, SnapshotIdentity, SnapshotVersion, (ref WireReader reader) =>
        {
            if (reader.ReadVarInt32() != _products.Length || reader.ReadVarInt32() != _catalogue.ContentSeed)
            {
                throw new FormatException("This shop snapshot was taken with another catalogue (product count or content seed).");
            }

            taskId = Check(reader.ReadVarInt32(), 0, Splits.Count - 1, "task id");
            page = (ShopPage)Check(reader.ReadByte(), 0, (int)ShopPage.Reviews, "page");
            query = reader.ReadString() ?? string.Empty;
            results = new int[Check(reader.ReadVarInt32(), 0, _options.SearchDepth, "result count")];
            for (var i = 0; i < results.Length; i++)
            {
                results[i] = Check(reader.ReadVarInt32(), 0, _products.Length - 1, "result");
            }

            resultPage = Check(reader.ReadVarInt32(), 0, Math.Max(0, PageCount(results.Length) - 1), "result page");
            product = Check(reader.ReadVarInt32(), page >= ShopPage.Item ? 0 : -1, page >= ShopPage.Item ? _products.Length - 1 : -1, "product");
            var expectedGroups = product >= 0 ? _products[product].OptionArray.Length : 0;
            groups = Check(reader.ReadVarInt32(), expectedGroups, expectedGroups, "option group count");
            for (var g = 0; g < groups; g++)
            {
                selectedCopy[g] = Check(reader.ReadVarInt32(), -1, _products[product].OptionArray[g].ValueArray.Length - 1, "selected option");
            }

            stepCount = Check(reader.ReadVarInt32(), 0, _options.StepLimit, "step count");
            done = reader.ReadBoolean();
            score = reader.ReadDouble();
            success = reader.ReadBoolean();
            if (!(score >= 0 && score <= 1))
            {
                throw new FormatException($"The shop snapshot is corrupt: score {score} is outside [0, 1].");
            }
        });

        LoadTask(taskId);
        _page = page;
        _query = query;
        _results = results;
        _resultPage = resultPage;
        _product = product;
        selectedCopy.AsSpan(0, groups).CopyTo(_selected);
        _stepCount = stepCount;
        _done = done;
        _score = score;
        _success = success;
    }

    private static int Check(int value, int min, int max, string what) =>
        value >= min && value <= max ? value : throw new FormatException($"The shop snapshot is corrupt: {what} {value} is outside [{min}, {max}].");

    private static string Click(string value) => $"click[{value}]";

    private static string PageName(ShopPage page) => page switch
    {
        ShopPage.Search => "search",
        ShopPage.Results => "results",
        ShopPage.Item => "item",
        ShopPage.Description => "description",
        ShopPage.Features => "features",
        _ => "reviews",
    };

    private void EnsureStarted()
    {
        if (_instruction is null)
        {
            throw new InvalidOperationException("Call Reset (or Restore) before using the shop.");
        }
    }

    private void LoadTask(int taskId)
    {
        if (_instruction?.TaskId != taskId)
        {
            _instruction = _catalogue.Instruction(taskId);
            _instructionPrefix = $"Instruction:{Separator}{_instruction.Text}";
        }
    }

    private int PageCount(int resultCount) => (resultCount + _options.ResultsPerPage - 1) / _options.ResultsPerPage;

    private int SelectedGroupCount() => _product >= 0 ? _products[_product].OptionArray.Length : 0;

    /// <summary>Applies a parsed action; returns why it is invalid, or null when it was applied.</summary>
    private string? Apply(string action)
    {
        var normalized = ActionText.Normalize(action);
        if (normalized is null || !ActionText.TryParseCall(normalized, out var verb, out var argument))
        {
            return ActionText.Describe(action);
        }

        switch (verb)
        {
            case "search" when _page != ShopPage.Search:
                return $"search is only available on the search page (click[{BackToSearch}] first)";
            case "search" when TextTokens.Tokenize(argument).Count == 0:
                return "search needs keywords, e.g. search[waterproof hiking boots]";
            case "search":
                _query = TextTokens.Normalize(argument);
                _results = _catalogue.SearchIndices(_query, _options.SearchDepth);
                _resultPage = 0;
                _page = ShopPage.Results;
                return null;
            case "click" when argument.Length == 0:
                return "click needs the value to click, e.g. click[buy now]";
            case "click":
                return TryClick(argument) ? null : $"'{Truncate(argument)}' is not a clickable value on this page";
            default:
                return ActionText.Describe(action);
        }
    }

    private static string Truncate(string text) => text.Length <= 60 ? text : text[..60] + "…";

    private bool TryClick(string value)
    {
        if (Is(value, BackToSearch) && _page != ShopPage.Search)
        {
            _page = ShopPage.Search;
            _query = string.Empty;
            _results = [];
            _resultPage = 0;
            _product = -1;
            return true;
        }

        switch (_page)
        {
            case ShopPage.Results:
                if (Is(value, PreviousPage) && _resultPage > 0)
                {
                    _resultPage--;
                    return true;
                }

                if (Is(value, NextPage) && _resultPage < PageCount(_results.Length) - 1)
                {
                    _resultPage++;
                    return true;
                }

                var start = _resultPage * _options.ResultsPerPage;
                var end = Math.Min(_results.Length, start + _options.ResultsPerPage);
                var labelled = _options.NumberedResults && TryParseResultLabel(value, out var position) ? start + position - 1 : -1;
                for (var i = start; i < end; i++)
                {
                    if (i == labelled || Is(value, _products[_results[i]].Id))
                    {
                        _product = _results[i];
                        _selected.AsSpan().Fill(-1);
                        _page = ShopPage.Item;
                        return true;
                    }
                }

                return false;
            case ShopPage.Item:
                return TryClickOnItem(value);
            case ShopPage.Description or ShopPage.Features or ShopPage.Reviews when Is(value, PreviousPage):
                _page = ShopPage.Item;
                return true;
            default:
                return false;
        }
    }

    private bool TryClickOnItem(string value)
    {
        if (Is(value, PreviousPage))
        {
            _page = ShopPage.Results;
            _product = -1;
            return true;
        }

        if (Is(value, DescriptionButton) || Is(value, FeaturesButton) || Is(value, ReviewsButton))
        {
            _page = Is(value, DescriptionButton) ? ShopPage.Description : Is(value, FeaturesButton) ? ShopPage.Features : ShopPage.Reviews;
            return true;
        }

        var product = _products[_product];
        if (Is(value, BuyNow))
        {
            var selected = new List<string>(product.OptionArray.Length);
            for (var g = 0; g < product.OptionArray.Length; g++)
            {
                if (_selected[g] >= 0)
                {
                    selected.Add(product.OptionArray[g].ValueArray[_selected[g]]);
                }
            }

            var score = ShopReward.Score(_instruction!, product, selected);
            _done = true;
            _score = score.Value;
            _success = score.Success;
            return true;
        }

        for (var g = 0; g < product.OptionArray.Length; g++)
        {
            var values = product.OptionArray[g].ValueArray;
            for (var v = 0; v < values.Length; v++)
            {
                if (Is(value, values[v]))
                {
                    _selected[g] = v;
                    return true;
                }
            }
        }

        return false;
    }

    private static bool Is(string value, string clickable) => string.Equals(value, clickable, StringComparison.OrdinalIgnoreCase);

    private static bool TryParseResultLabel(string value, out int position)
    {
        position = 0;
        return value.StartsWith(ResultLabelPrefix, StringComparison.OrdinalIgnoreCase)
            && int.TryParse(value.AsSpan(ResultLabelPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out position)
            && position >= 1;
    }

    /// <summary>What a result is clicked by and shown as: "item k" (its place on its page) when numbered, else its id.</summary>
    private string ResultName(int result) => _options.NumberedResults
        ? string.Create(CultureInfo.InvariantCulture, $"{ResultLabelPrefix}{result % _options.ResultsPerPage + 1}")
        : _products[_results[result]].Id;

    private List<string> Clickables()
    {
        var clickables = new List<string> { BackToSearch };
        switch (_page)
        {
            case ShopPage.Results:
                if (_resultPage > 0)
                {
                    clickables.Add(PreviousPage);
                }

                if (_resultPage < PageCount(_results.Length) - 1)
                {
                    clickables.Add(NextPage);
                }

                var end = Math.Min(_results.Length, (_resultPage + 1) * _options.ResultsPerPage);
                for (var i = _resultPage * _options.ResultsPerPage; i < end; i++)
                {
                    clickables.Add(ResultName(i));
                }

                break;
            case ShopPage.Item:
                clickables.Add(PreviousPage);
                foreach (var group in _products[_product].OptionArray)
                {
                    clickables.AddRange(group.ValueArray);
                }

                clickables.AddRange(ItemButtons);
                break;
            case ShopPage.Description or ShopPage.Features or ShopPage.Reviews:
                clickables.Add(PreviousPage);
                break;
        }

        return clickables;
    }

    private string ExpertQuery()
    {
        if (_expertTaskId != _instruction!.TaskId)
        {
            var goal = _instruction;
            var query = $"{string.Join(' ', goal.Attributes)} {goal.Type.Name}".ToLowerInvariant();
            if (!Array.Exists(_catalogue.SearchIndices(query, _options.SearchDepth), i => ShopReward.Satisfies(goal, _products[i])))
            {
                // The brand, model and type find the target near the top; should a crowd of look-alikes ever push it out
                // of the kept hits, the model number alone (unique in the catalogue) finds only the target.
                var target = goal.Target;
                query = $"{target.Brand} {target.Model} {target.Type.Name}".ToLowerInvariant();
                if (Array.IndexOf(_catalogue.SearchIndices(query, _options.SearchDepth), target.Index) < 0)
                {
                    query = target.Model[(target.Model.IndexOf('-', StringComparison.Ordinal) + 1)..];
                }
            }

            _expertTaskId = goal.TaskId;
            _expertQuery = query;
        }

        return _expertQuery;
    }

    private string RenderPage()
    {
        var text = _text.Clear().Append(_instructionPrefix);
        switch (_page)
        {
            case ShopPage.Search:
                text.Append(Separator).Append("search");
                break;
            case ShopPage.Results:
                RenderResults(text);
                break;
            case ShopPage.Item:
                RenderItem(text);
                break;
            case ShopPage.Description:
                AppendNavigation(text).Append(Separator).Append(_products[_product].Description);
                break;
            case ShopPage.Features:
                AppendNavigation(text);
                foreach (var feature in _products[_product].Features)
                {
                    text.Append(Separator).Append(feature);
                }

                break;
            case ShopPage.Reviews:
                AppendNavigation(text);
                foreach (var review in _products[_product].Reviews)
                {
                    text.Append(Separator).Append(CultureInfo.InvariantCulture, $"{review.Stars} out of 5 stars").Append(Separator).Append(review.Text);
                }

                break;
        }

        return text.ToString();
    }

    private StringBuilder AppendNavigation(StringBuilder text) => text.Append(Separator).Append(BackToSearch).Append(Separator).Append(PreviousPage);

    private void RenderResults(StringBuilder text)
    {
        text.Append(Separator).Append(BackToSearch);
        if (_results.Length == 0)
        {
            text.Append(Separator).Append("no products match your search");
            return;
        }

        text.Append(Separator).Append(CultureInfo.InvariantCulture, $"page {_resultPage + 1} of {PageCount(_results.Length)} (total results: {_results.Length})");
        if (_resultPage > 0)
        {
            text.Append(Separator).Append(PreviousPage);
        }

        if (_resultPage < PageCount(_results.Length) - 1)
        {
            text.Append(Separator).Append(NextPage);
        }

        var end = Math.Min(_results.Length, (_resultPage + 1) * _options.ResultsPerPage);
        for (var i = _resultPage * _options.ResultsPerPage; i < end; i++)
        {
            var product = _products[_results[i]];
            text.Append(Separator).Append(ResultName(i)).Append(Separator).Append(product.Title).Append(Separator).Append(product.PriceText);
        }
    }

    private void RenderItem(StringBuilder text)
    {
        var product = _products[_product];
        AppendNavigation(text);
        foreach (var group in product.OptionArray)
        {
            text.Append(Separator).Append(group.Name);
            foreach (var value in group.ValueArray)
            {
                text.Append(Separator).Append(value);
            }
        }

        text.Append(Separator).Append(product.Title)
            .Append(Separator).Append("price: ").Append(product.PriceText)
            .Append(Separator).Append("rating: ").Append(ProductText.Rating(product.Reviews));
        foreach (var button in ItemButtons)
        {
            text.Append(Separator).Append(button);
        }

        if (SelectedGroupCount() > 0 && _selected.AsSpan(0, SelectedGroupCount()).ContainsAnyExcept(-1))
        {
            text.Append(Separator).Append("selected: ");
            AppendSelectedValues(text, ", ");
        }
    }

    private void AppendSelectedValues(StringBuilder text, string separator)
    {
        var first = true;
        for (var g = 0; g < SelectedGroupCount(); g++)
        {
            if (_selected[g] >= 0)
            {
                text.Append(first ? string.Empty : separator).Append(_products[_product].OptionArray[g].ValueArray[_selected[g]]);
                first = false;
            }
        }
    }

    private string RenderInvalid(string error)
    {
        var text = _text.Clear().Append(_instructionPrefix).Append(Separator).Append("invalid action: ").Append(error).Append(Separator).Append("valid actions: ");
        if (_page == ShopPage.Search)
        {
            text.Append("search[<keywords>]");
        }
        else
        {
            var first = true;
            foreach (var clickable in Clickables())
            {
                text.Append(first ? string.Empty : ", ").Append("click[").Append(clickable).Append(']');
                first = false;
            }
        }

        return text.ToString();
    }

    private string RenderPurchase()
    {
        var product = _products[_product];
        var text = _text.Clear().Append(_instructionPrefix).Append(Separator).Append("thank you for shopping with us!")
            .Append(Separator).Append("you bought ").Append(product.Id).Append(' ').Append(product.Title).Append(" for ").Append(product.PriceText);
        if (_selected.AsSpan(0, SelectedGroupCount()).ContainsAnyExcept(-1))
        {
            text.Append(" (");
            AppendSelectedValues(text, ", ");
            text.Append(')');
        }

        text.Append(Separator).Append(CultureInfo.InvariantCulture, $"your score (min 0.0, max 1.0): {_score:0.####}");
        return text.ToString();
    }
}
