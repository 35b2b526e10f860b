package org.casewatch.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import org.casewatch.access.AccessFile;
import org.casewatch.access.Tokens;
import org.casewatch.model.Country;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Issues, revokes and lists tokens (coalitions', coordinators' (read-only, or with {@code --triage}
 * also writing alert actions) and auditors') in the access file; running gateways and services pick
 * changes up. Edits lock the file, so concurrent commands never lose a token.
 */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description =
        "Manage access tokens (stored as salted hashes; a token is shown once, when issued).",
    subcommands = {
      TokenCommand.Add.class,
      TokenCommand.Revoke.class,
      TokenCommand.ListTokens.class
    })
final class TokenCommand {

  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description =
          "Issue a token: a coalition's (publishes its country's events), a coordinator's (reads"
              + " cases; with --triage also writes alert actions) or an auditor's (reads the audit"
              + " of reads only).")
  static final class Add implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin AccessFileOption access;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Holder holder;

    static final class Holder {
      @Option(names = "--coalition", description = "Coalition id, e.g. kz-coalition.")
      String coalition;

      @Option(
          names = "--coordinator",
          description =
              "Coordinator id, e.g. regional-desk (letters, digits, '.', '_', "
                  + "'-', at most 64). Read-only, unless --triage.")
      String coordinator;

      @Option(
          names = "--auditor",
          description = "Auditor id, e.g. board-auditor (reads GET /v1/audit only, no case).")
      String auditor;
    }

    @Option(
        names = "--country",
        description = "The coalition's country (KZ, KG, TJ, TM, UZ); needed for a new coalition.")
    Country country;

    @Option(
        names = "--triage",
        description =
            "With --coordinator: the token also triages alerts (writes POST"
                + " /v1/alerts/{alertId}/actions); without it, a coordinator's token is read-only."
                + " Coordinators only.")
    boolean triage;

    @Override
    public Integer call() {
      if (triage && holder.coordinator == null) {
        throw new ParameterException(
            spec.commandLine(),
            "--triage is for a coordinator's token (--coordinator NAME), "
                + (holder.coalition != null ? "not a coalition's" : "not an auditor's")
                + ": only coordinators triage alerts");
      }
      final String who =
          holder.coalition != null
              ? holder.coalition
              : holder.coordinator != null ? holder.coordinator : holder.auditor;
      final Tokens.Issued issued =
          holder.coalition != null
              ? AccessFile.addToken(access.file, holder.coalition, Optional.ofNullable(country))
              : holder.coordinator != null
                  ? AccessFile.addCoordinatorToken(access.file, holder.coordinator, triage)
                  : AccessFile.addAuditorToken(access.file, holder.auditor);
      System.out.println(issued.token());
      System.err.println(
          "Token "
              + issued.id()
              + " for "
              + who
              + (triage ? " (triage: also writes alert actions)" : "")
              + " added to "
              + access.file
              + ". It is shown only now; hand it over securely.");
      return 0;
    }
  }

  @Command(
      name = "revoke",
      mixinStandardHelpOptions = true,
      description = "Revoke a token by its id.")
  static final class Revoke implements Callable<Integer> {

    @Mixin AccessFileOption access;

    @Parameters(
        index = "0",
        description = "The token id (the part after cw_, before the second _).")
    String tokenId;

    @Override
    public Integer call() {
      if (!AccessFile.revokeToken(access.file, tokenId)) {
        System.err.println("No token " + tokenId + " in " + access.file);
        return 1;
      }
      System.err.println(
          "Token "
              + tokenId
              + " revoked; gateways and services reading "
              + access.file
              + " refuse it within a second.");
      return 0;
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description =
          "List token ids: per line the holder, then a coalition's country, or 'read-only' or"
              + " 'triage' for a coordinator, or 'auditor', then the token id and when it was"
              + " issued.")
  static final class ListTokens implements Callable<Integer> {

    @Mixin AccessFileOption access;

    @Override
    public Integer call() {
      final AccessFile.Contents contents = AccessFile.read(access.file);
      contents
          .coalitions()
          .forEach(
              coalition ->
                  coalition
                      .tokens()
                      .forEach(
                          token ->
                              System.out.println(
                                  coalition.id()
                                      + "\t"
                                      + coalition.country()
                                      + "\t"
                                      + token.id()
                                      + "\t"
                                      + token.created())));
      contents
          .coordinators()
          .forEach(
              coordinator ->
                  coordinator
                      .tokens()
                      .forEach(
                          token ->
                              System.out.println(
                                  coordinator.id()
                                      + (token.triages() ? "\ttriage\t" : "\tread-only\t")
                                      + token.id()
                                      + "\t"
                                      + token.created())));
      contents
          .auditors()
          .forEach(
              auditor ->
                  auditor
                      .tokens()
                      .forEach(
                          token ->
                              System.out.println(
                                  auditor.id()
                                      + "\tauditor\t"
                                      + token.id()
                                      + "\t"
                                      + token.created())));
      return 0;
    }
  }
}
