using System.Globalization;
using System.Text.RegularExpressions;
using FaceAccord.Core;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace FaceAccord.Governance.Policies;

/// <summary>
/// Reads a pack's YAML strictly: unknown keys, unknown fields, values outside a vocabulary and misplaced
/// conditions all fail at load with the file, the rule and the line, never later as a rule that silently never fires.
/// </summary>
internal sealed partial class PolicyPackReader
{
    public const string ErrorCode = "policy-pack-invalid";

    private static readonly string[] PackKeys = ["id", "title", "citations", "mandatory", "applies-to", "rules"];
    private static readonly string[] ApplicabilityKeys = ["countries", "regions", "cities", "sectors"];
    private static readonly string[] RuleKeys = ["id", "citation", "explanation", "when", "effect", "conditions"];

    private readonly string source;
    private string? rule;

    private PolicyPackReader(string source) => this.source = source;

    public static PolicyPack Read(string yaml, string source) => new PolicyPackReader(source).ReadPack(yaml);

    private PolicyPack ReadPack(string yaml)
    {
        CheckCharacters(yaml);
        var stream = new YamlStream();
        try
        {
            CheckDepth(yaml);
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw Error(e.Start.Line, $"not valid YAML: {e.Message}", e);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet's own state checks, reached by input its scanner should have refused (found by fuzzing).
            throw Error(1, $"not valid YAML: {e.Message}", e);
        }

        if (stream.Documents.Count != 1)
        {
            throw Error(1, $"a pack file holds exactly one YAML document, not {stream.Documents.Count}");
        }

        var root = Mapping(stream.Documents[0].RootNode, "the pack");
        CheckKeys(root, PackKeys, "a pack");
        string id = Slug(Required(root, "id"), "pack id");
        string title = Text(Required(root, "title"), "title");
        var citations = Texts(Required(root, "citations"), "citations");
        bool mandatory = Optional(root, "mandatory") is { } m && Bool(m, "mandatory");
        var appliesTo = Optional(root, "applies-to") is { } a ? Applicability(a) : PolicyApplicability.Everywhere;
        var rulesNode = Sequence(Required(root, "rules"), "rules");
        if (rulesNode.Children.Count == 0)
        {
            throw Error(rulesNode, "a pack needs at least one rule");
        }

        var rules = new List<PolicyRule>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < rulesNode.Children.Count; i++)
        {
            rule = $"#{i + 1}";
            var r = ReadRule(rulesNode.Children[i], id);
            if (!seen.Add(r.Id))
            {
                throw Error(rulesNode.Children[i], $"rule id '{r.Id}' is used twice in the pack");
            }

            rules.Add(r);
        }

        rule = null;
        return new PolicyPack(id, title, citations, mandatory, appliesTo, rules, source);
    }

    /// <summary>
    /// Refuses characters YAML does not allow in a stream (C0 controls other than tab and line breaks, DEL, C1
    /// controls other than NEL, surrogates, U+FFFE/U+FFFF) with their line; YamlDotNet let some through and then
    /// failed with InvalidOperationException or ArgumentException (found by fuzzing).
    /// </summary>
    private void CheckCharacters(string yaml)
    {
        int line = 1;
        for (int i = 0; i < yaml.Length; i++)
        {
            char c = yaml[i];
            if (c == '\n')
            {
                line++;
                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < yaml.Length && char.IsLowSurrogate(yaml[i + 1]))
            {
                i++;
                continue;
            }

            bool allowed = c is '\t' or '\r' or '\u0085' or (>= ' ' and <= '~') or (>= '\u00A0' and <= '\uD7FF') or (>= '\uE000' and <= '\uFFFD');
            if (!allowed)
            {
                throw Error(line, $"not valid YAML: character U+{(int)c:X4} is not allowed in a YAML file");
            }
        }
    }

    /// <summary>
    /// Refuses nesting deeper than <see cref="PolicyPack.MaxDepth"/> before the node tree is built: YamlDotNet builds it by
    /// recursion, and a few kilobytes of brackets overflowed the stack, which ends the process (found by fuzzing).
    /// The event parser itself keeps its state on the heap, so walking its events is safe at any depth.
    /// </summary>
    private void CheckDepth(string yaml)
    {
        var parser = new Parser(new StringReader(yaml));
        int depth = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case SequenceStart or MappingStart when ++depth > PolicyPack.MaxDepth:
                    throw Error(parser.Current.Start.Line, $"nested more than {PolicyPack.MaxDepth} levels deep");
                case SequenceEnd or MappingEnd:
                    depth--;
                    break;
            }
        }
    }

    private PolicyApplicability Applicability(YamlNode node)
    {
        var map = Mapping(node, "applies-to");
        CheckKeys(map, ApplicabilityKeys, "applies-to");
        return new PolicyApplicability(
            Values(map, "countries", PolicyField.ByPath["tenant.country"]),
            Values(map, "regions", PolicyField.ByPath["tenant.region"]),
            Values(map, "cities", PolicyField.ByPath["tenant.city"]),
            Values(map, "sectors", PolicyField.ByPath["tenant.sector"]));
    }

    private IReadOnlyList<string> Values(YamlMappingNode map, string key, PolicyField field)
    {
        if (Optional(map, key) is not { } node)
        {
            return [];
        }

        var list = Sequence(node, key);
        return [.. list.Children.Select(v => Value(field, v, key))];
    }

    private PolicyRule ReadRule(YamlNode node, string packId)
    {
        var map = Mapping(node, "a rule");
        string id = Slug(Required(map, "id"), "rule id");
        rule = id;
        if (!id.StartsWith(packId + "-", StringComparison.Ordinal))
        {
            throw Error(map, $"rule ids start with the pack id and a dash ('{packId}-...'), so that an id alone names its pack");
        }

        CheckKeys(map, RuleKeys, "a rule");
        string citation = Text(Required(map, "citation"), "citation");
        string explanation = Text(Required(map, "explanation"), "explanation");
        var when = Optional(map, "when") is { } w ? Predicate(w) : PolicyPredicate.Always.Instance;
        var effectNode = Required(map, "effect");
        var effect = PolicyEffects.Parse(Text(effectNode, "effect"))
            ?? throw Error(effectNode, $"effect is '{PolicyEffects.Deny}' or '{PolicyEffects.AllowWithConditions}'");
        var conditionsNode = Optional(map, "conditions");
        IReadOnlyList<PolicyCondition> conditions = [];
        if (effect == PolicyEffect.Deny && conditionsNode is not null)
        {
            throw Error(conditionsNode, "a deny rule has no conditions");
        }

        if (effect == PolicyEffect.AllowWithConditions)
        {
            var list = conditionsNode is null ? null : Sequence(conditionsNode, "conditions");
            if (list is null || list.Children.Count == 0)
            {
                throw Error(conditionsNode ?? map, "an allow-with-conditions rule needs at least one condition");
            }

            conditions = [.. list.Children.Select(Condition)];
        }

        return new PolicyRule(id, citation, explanation, when, effect, conditions);
    }

    private PolicyPredicate Predicate(YamlNode node)
    {
        var map = Mapping(node, "a condition");
        var keys = map.Children.Keys.Select(k => Key(k)).ToList();
        if (keys.Contains("field"))
        {
            var operators = keys.Where(k => k != "field").ToList();
            if (operators.Count != 1 || operators[0] is not ("equals" or "in" or "not-in"))
            {
                throw Error(map, "a field condition has 'field' and exactly one of 'equals', 'in' or 'not-in'");
            }

            var fieldNode = map.Children[new YamlScalarNode("field")];
            string path = Text(fieldNode, "field");
            if (!PolicyField.ByPath.TryGetValue(path, out var field))
            {
                throw Error(fieldNode, $"unknown field '{path}'; fields are {PolicyField.Listing}");
            }

            string op = operators[0];
            var operand = map.Children[new YamlScalarNode(op)];
            if (op == "equals")
            {
                return new PolicyPredicate.Field(field, [Value(field, operand, op)], negated: false);
            }

            var values = Sequence(operand, op);
            if (values.Children.Count == 0)
            {
                throw Error(values, $"'{op}' needs at least one value");
            }

            return new PolicyPredicate.Field(field, [.. values.Children.Select(v => Value(field, v, op))], negated: op == "not-in");
        }

        if (keys.Count != 1 || keys[0] is not ("all" or "any" or "not"))
        {
            throw Error(map, $"a condition is one of field/equals, field/in, field/not-in, all, any or not; found {string.Join(", ", keys)}");
        }

        var inner = map.Children.Values.Single();
        if (keys[0] == "not")
        {
            return new PolicyPredicate.Not(Predicate(inner));
        }

        var parts = Sequence(inner, keys[0]);
        if (parts.Children.Count == 0)
        {
            throw Error(parts, $"'{keys[0]}' needs at least one condition");
        }

        var predicates = parts.Children.Select(Predicate).ToList();
        return keys[0] == "all" ? new PolicyPredicate.All(predicates) : new PolicyPredicate.Any(predicates);
    }

    private PolicyCondition Condition(YamlNode node)
    {
        var map = Mapping(node, "a condition");
        var typeNode = Required(map, "type");
        string type = Text(typeNode, "type");
        switch (type)
        {
            case HumanReviewCondition.TypeName:
                CheckKeys(map, ["type", "reviewers"], type);
                return new HumanReviewCondition(Int(Required(map, "reviewers"), "reviewers", 1, 10));
            case RetentionCondition.TypeName:
                CheckKeys(map, ["type", "maxDays"], type);
                return new RetentionCondition(Int(Required(map, "maxDays"), "maxDays", 1, 36_500));
            case LogRetentionCondition.TypeName:
                CheckKeys(map, ["type", "minDays"], type);
                return new LogRetentionCondition(Int(Required(map, "minDays"), "minDays", 1, 36_500));
            case AccountabilityReportCondition.TypeName:
                CheckKeys(map, ["type"], type);
                return new AccountabilityReportCondition();
            case ConsentRequiredCondition.TypeName:
                CheckKeys(map, ["type"], type);
                return new ConsentRequiredCondition();
            case LegalBasisRequiredCondition.TypeName:
            {
                CheckKeys(map, ["type", "anyOf", "withinHours"], type);
                var field = PolicyField.ByPath["legalBasis.type"];
                var anyOfNode = Sequence(Required(map, "anyOf"), "anyOf");
                var anyOf = anyOfNode.Children.Select(v => Value(field, v, "anyOf")).ToHashSet(StringComparer.Ordinal);
                if (anyOf.Count == 0 || anyOf.Contains(PolicyVocabulary.NoLegalBasis))
                {
                    throw Error(anyOfNode, "anyOf lists at least one legal basis type other than 'none'");
                }

                int? within = Optional(map, "withinHours") is { } h ? Int(h, "withinHours", 1, 8_760) : null;

                // Vocabulary order, so that equal demands compare and print equally.
                return new LegalBasisRequiredCondition([.. PolicyVocabulary.LegalBasisTypes.Terms.Where(anyOf.Contains)], within);
            }

            default:
                throw Error(typeNode, $"unknown condition type '{type}'; types are {string.Join(", ", PolicyCondition.Types)}");
        }
    }

    private string Value(PolicyField field, YamlNode node, string what)
    {
        string raw = Text(node, what);
        return field.Normalize(raw, out string? problem) ?? throw Error(node, $"{field.Path}: {problem}");
    }

    private YamlMappingNode Mapping(YamlNode node, string what) =>
        node as YamlMappingNode ?? throw Error(node, $"{what} must be a mapping of keys to values");

    private YamlSequenceNode Sequence(YamlNode node, string what) =>
        node as YamlSequenceNode ?? throw Error(node, $"'{what}' must be a list");

    private string Text(YamlNode node, string what) =>
        node is YamlScalarNode { Value: { Length: > 0 } value } && !string.IsNullOrWhiteSpace(value)
            ? value.Trim()
            : throw Error(node, $"'{what}' must be non-empty text");

    private List<string> Texts(YamlNode node, string what)
    {
        var list = Sequence(node, what);
        if (list.Children.Count == 0)
        {
            throw Error(list, $"'{what}' needs at least one entry");
        }

        return [.. list.Children.Select(c => Text(c, what))];
    }

    private bool Bool(YamlNode node, string what) => Text(node, what) switch
    {
        "true" => true,
        "false" => false,
        _ => throw Error(node, $"'{what}' is true or false"),
    };

    private int Int(YamlNode node, string what, int min, int max) =>
        int.TryParse(Text(node, what), NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value >= min && value <= max
            ? value
            : throw Error(node, $"'{what}' is a whole number from {min} to {max}");

    private string Slug(YamlNode node, string what)
    {
        string value = Text(node, what);
        return SlugPattern().IsMatch(value)
            ? value
            : throw Error(node, $"{what} '{value}' must be lower-case letters, digits, dots and dashes");
    }

    private YamlNode Required(YamlMappingNode map, string key) =>
        Optional(map, key) ?? throw Error(map, $"'{key}' is required");

    private static YamlNode? Optional(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private void CheckKeys(YamlMappingNode map, string[] allowed, string what)
    {
        foreach (var key in map.Children.Keys)
        {
            string name = Key(key);
            if (!allowed.Contains(name, StringComparer.Ordinal))
            {
                throw Error(key, $"unknown key '{name}' in {what}; keys are {string.Join(", ", allowed)}");
            }
        }
    }

    private string Key(YamlNode key) => key is YamlScalarNode { Value: { } k } ? k : throw Error(key, "keys must be plain text");

    private FaceAccordException Error(YamlNode node, string message) => Error(node.Start.Line, message);

    private FaceAccordException Error(long line, string message, Exception? inner = null)
    {
        string where = rule is null ? "" : $", rule {(rule.StartsWith('#') ? rule : $"'{rule}'")}";
        return FaceAccordException.BadInput(ErrorCode, $"Policy pack '{source}'{where}, line {line}: {message}.", inner);
    }

    [GeneratedRegex("^[a-z0-9]+([.-][a-z0-9]+)*$")]
    private static partial Regex SlugPattern();
}
