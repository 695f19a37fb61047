using System.CommandLine;
using FaceAccord.Core;
using FaceAccord.Governance.Policies;

namespace FaceAccord.Cli.Commands;

/// <summary>
/// <c>faceaccord policy check --request FILE|- [--json]</c> and <c>faceaccord policy packs</c>: what the policy
/// engine decides for a request, and the rules it decides with, so a decision can be checked before it is relied on.
/// Exit codes: 0 allow, 3 deny, 2 malformed request.
/// </summary>
public static class PolicyCommand
{
    public sealed record RuleLine(string Id, string Effect, string Citation, string Explanation, IReadOnlyList<PolicyCondition> Conditions);

    public sealed record PackLine(string Id, string Title, bool Mandatory, IReadOnlyList<string> Citations, PolicyApplicability AppliesTo, IReadOnlyList<RuleLine> Rules);

    public static Command Create(CliOutput output)
    {
        var cmd = new Command("policy", "The policy packs: check a request against them, or list their rules.");
        cmd.Subcommands.Add(CheckCommand(output));
        cmd.Subcommands.Add(PacksCommand(output));
        return cmd;
    }

    private static Command CheckCommand(CliOutput output)
    {
        var request = new Option<string>("--request")
        {
            Description = "The policy request as JSON: a file, or - to read standard input (see docs/policies.md).",
            Required = true,
            HelpName = "FILE|-",
        };
        var packs = PacksOption();
        var json = CommonOptions.Json();
        var cmd = new Command("check", "Decide a policy request: exit 0 allow, 3 deny, 2 malformed request.") { request, packs, json };
        cmd.SetAction(async (r, ct) =>
        {
            string text = await ReadRequestAsync(r.GetValue(request)!, ct).ConfigureAwait(false);
            var parsed = PolicyRequestParser.Parse(text);
            var decision = PolicyEngine.BuiltIn(EnabledPacks(r.GetValue(packs))).Evaluate(parsed);
            if (r.GetValue(json))
            {
                output.WriteJson(decision);
            }
            else
            {
                WriteDecision(output.Out, decision);
            }

            return decision.Allowed ? CliApp.Ok : CliApp.Denied;
        });
        return cmd;
    }

    private static Command PacksCommand(CliOutput output)
    {
        var packs = PacksOption();
        var json = CommonOptions.Json();
        var cmd = new Command("packs", "List the built-in policy packs and their rules, with citations.") { packs, json };
        cmd.SetAction(r =>
        {
            var lines = PolicyEngine.BuiltIn(EnabledPacks(r.GetValue(packs))).Packs
                .Select(p => new PackLine(p.Id, p.Title, p.Mandatory, p.Citations, p.AppliesTo,
                    [.. p.Rules.Select(x => new RuleLine(x.Id, PolicyEffects.Name(x.Effect), x.Citation, x.Explanation, x.Conditions))]))
                .ToList();
            if (r.GetValue(json))
            {
                output.WriteJson(lines);
                return CliApp.Ok;
            }

            foreach (var pack in lines)
            {
                output.Out.WriteLine($"{pack.Id}{(pack.Mandatory ? " (mandatory)" : "")}: {pack.Title}");
                foreach (var rule in pack.Rules)
                {
                    output.Out.WriteLine($"  {rule.Id} [{rule.Effect}] {rule.Citation}");
                    output.Out.WriteLine($"    {rule.Explanation}");
                }
            }

            return CliApp.Ok;
        });
        return cmd;
    }

    private static Option<string?> PacksOption() => new("--packs")
    {
        Description = "Comma-separated built-in pack ids to evaluate, as a deployment would enable them (default: all; vendor always applies).",
        HelpName = "ID,ID",
    };

    private static string[]? EnabledPacks(string? packs) =>
        packs is null ? null : packs.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static async Task<string> ReadRequestAsync(string source, CancellationToken ct)
    {
        if (source == "-")
        {
            return await Console.In.ReadToEndAsync(ct).ConfigureAwait(false);
        }

        try
        {
            return await File.ReadAllTextAsync(source, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw FaceAccordException.BadInput("policy-request-file-not-found", $"The policy request file '{source}' does not exist.", e);
        }
    }

    private static void WriteDecision(TextWriter writer, PolicyDecision decision)
    {
        if (!decision.Allowed)
        {
            writer.WriteLine($"DENY by {decision.Rules.Count} rule{(decision.Rules.Count == 1 ? "" : "s")}:");
            foreach (var rule in decision.Rules)
            {
                writer.WriteLine($"  {rule.Id} ({rule.Pack}; {rule.Citation})");
                writer.WriteLine($"    {rule.Explanation}");
            }

            return;
        }

        writer.WriteLine(decision.Conditions.Count == 0 ? "ALLOW" : "ALLOW with conditions:");
        foreach (var condition in decision.Conditions)
        {
            writer.WriteLine($"  - {condition.Explain()}");
        }

        foreach (var rule in decision.Rules)
        {
            writer.WriteLine($"  because {rule.Id} ({rule.Citation})");
        }
    }
}
