package org.casewatch.topology.internals.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.casewatch.model.AgeBand;
import org.casewatch.model.Agency;
import org.casewatch.model.CaseEvent;
import org.casewatch.model.CaseRegistered;
import org.casewatch.model.CompensationAwarded;
import org.casewatch.model.CompensationPaid;
import org.casewatch.model.ComplaintFiled;
import org.casewatch.model.Country;
import org.casewatch.model.Custodian;
import org.casewatch.model.CustodyChanged;
import org.casewatch.model.DecisionAnnulled;
import org.casewatch.model.DecisionAppealed;
import org.casewatch.model.EventRetracted;
import org.casewatch.model.InvestigationClosed;
import org.casewatch.model.InvestigationOpened;
import org.casewatch.model.InvestigationOutcome;
import org.casewatch.model.InvestigationResumed;
import org.casewatch.model.InvestigationSuspended;
import org.casewatch.model.TermExtended;
import org.casewatch.model.UnCommunication;
import org.casewatch.topology.rules.LocalCalendar;

/**
 * A case's distinct events in event-time order, with retracted events (and the retractions
 * themselves) left out, and the questions rules and folding ask of them. Arrival order never shows
 * here: the same events give the same facts.
 */
public final class CaseFacts {

  /**
   * Event-time order of events that do not know their case. Events of one instant (date-only dates
   * make them common) follow the path of a complaint (see {@link #pathOrder}); the eventId breaks
   * the remaining ties, so the order is total and deterministic. A case's own order ({@link
   * #compare}) also knows its annulments.
   */
  public static final Comparator<CaseEvent> EVENT_TIME_ORDER = orderWith(Set.of());

  private static final Set<InvestigationOutcome> REFUSALS =
      EnumSet.of(
          InvestigationOutcome.REFUSED_TO_INITIATE,
          InvestigationOutcome.REFUSED_NO_CRIME,
          InvestigationOutcome.TERMINATED);

  private final String caseId;
  private final Country country;
  private final LocalCalendar calendar;
  private final List<CaseEvent> events;
  private final List<CaseEvent> stored;
  private final int retracted;
  private final Comparator<CaseEvent> order;

  /**
   * {@link #all} by type, every payload class's events grouped in one pass on the first question:
   * every rule asks for the same few types over and over, and the facts never change. Facts are
   * built and read by one thread.
   */
  private Map<Class<?>, List<CaseEvent>> byType;

  private CaseFacts(
      final String caseId,
      final Country country,
      final LocalCalendar calendar,
      final List<CaseEvent> stored,
      final List<CaseEvent> events,
      final int retracted,
      final Comparator<CaseEvent> order) {
    this.caseId = caseId;
    this.country = country;
    this.calendar = calendar;
    this.stored = stored;
    this.events = events;
    this.retracted = retracted;
    this.order = order;
  }

  /**
   * The facts of the case's {@code stored} events (distinct by eventId, any order): an event named
   * by an {@link EventRetracted} of the case is left out, whichever arrived first; a retraction
   * cannot itself be retracted.
   */
  public static CaseFacts of(
      final String caseId,
      final Country country,
      final LocalCalendar calendar,
      final List<CaseEvent> stored) {
    // Loops, not streams: a case's facts are built on every event.
    Set<String> retractedIds = Set.of();
    for (final CaseEvent event : stored) {
      if (event.getPayload() instanceof EventRetracted retraction) {
        if (retractedIds.isEmpty()) {
          retractedIds = new HashSet<>();
        }
        retractedIds.add(retraction.getRetractedEventId());
      }
    }
    Set<Instant> annulments = Set.of();
    for (final CaseEvent event : stored) {
      if (event.getPayload() instanceof DecisionAnnulled
          && !retractedIds.contains(event.getEventId())) {
        if (annulments.isEmpty()) {
          annulments = new HashSet<>();
        }
        annulments.add(event.getOccurredAt());
      }
    }
    final Comparator<CaseEvent> order =
        annulments.isEmpty() ? EVENT_TIME_ORDER : orderWith(annulments);
    final CaseEvent[] sorted = stored.toArray(new CaseEvent[0]);
    Arrays.sort(sorted, order);
    final List<CaseEvent> ordered = Collections.unmodifiableList(Arrays.asList(sorted));
    final List<CaseEvent> effective = new ArrayList<>(sorted.length);
    int retracted = 0;
    for (final CaseEvent event : sorted) {
      if (event.getPayload() instanceof EventRetracted) {
        continue;
      }
      if (retractedIds.contains(event.getEventId())) {
        retracted++;
      } else {
        effective.add(event);
      }
    }
    return new CaseFacts(
        caseId,
        country,
        calendar,
        ordered,
        Collections.unmodifiableList(effective),
        retracted,
        order);
  }

  /**
   * Event-time order, with an opening at the instant of an annulment taken as the reopening it
   * orders.
   */
  private static Comparator<CaseEvent> orderWith(final Set<Instant> annulments) {
    // Written out rather than chained: rules compare a case's events on every judgement.
    return (a, b) -> {
      if (a == b) {
        return 0;
      }
      final int byTime = a.getOccurredAt().compareTo(b.getOccurredAt());
      if (byTime != 0) {
        return byTime;
      }
      final int byPath = Integer.compare(pathOrder(a, annulments), pathOrder(b, annulments));
      return byPath != 0 ? byPath : a.getEventId().compareTo(b.getEventId());
    };
  }

  /**
   * Where {@code a} stands against {@code b} in this case's event-time order: negative before,
   * positive after.
   */
  public int compare(final CaseEvent a, final CaseEvent b) {
    return order.compare(a, b);
  }

  /**
   * The place of {@code event} (this very event, not an equal one) among the events in force, or -1
   * when it is not one of them.
   */
  public int placeOf(final CaseEvent event) {
    for (int place = 0; place < events.size(); place++) {
      if (events.get(place) == event) {
        return place;
      }
    }
    return -1;
  }

  /**
   * The order of events at one instant, as the path of a complaint goes: a registration, a
   * complaint, an opening, a decision (an investigation opened and decided on one day was opened
   * first), the appeal, the annulment, then an opening at the instant of an annulment (the
   * reopening it orders: refused, appealed, annulled and reopened on one day), a suspension,
   * resumption and extension, an award before its payment, the rest, and a UN body's step last (a
   * reprisal on the day of interim measures is not taken to breach them).
   */
  private static int pathOrder(final CaseEvent event, final Set<Instant> annulments) {
    final Object payload = event.getPayload();
    if (payload instanceof CaseRegistered) {
      return 0;
    } else if (payload instanceof ComplaintFiled) {
      return 1;
    } else if (payload instanceof InvestigationOpened) {
      return annulments.contains(event.getOccurredAt()) ? 6 : 2;
    } else if (payload instanceof InvestigationClosed) {
      return 3;
    } else if (payload instanceof DecisionAppealed) {
      return 4;
    } else if (payload instanceof DecisionAnnulled) {
      return 5;
    } else if (payload instanceof InvestigationSuspended) {
      return 7;
    } else if (payload instanceof InvestigationResumed) {
      return 8;
    } else if (payload instanceof TermExtended) {
      return 9;
    } else if (payload instanceof CompensationAwarded) {
      return 10;
    } else if (payload instanceof CompensationPaid) {
      return 11;
    } else if (payload instanceof UnCommunication) {
      return 13;
    }
    return 12;
  }

  /**
   * A refusal to investigate: a refusal to initiate, or a termination for lack of a crime (v1
   * REFUSED_NO_CRIME too).
   */
  public static boolean isRefusal(final CaseEvent event) {
    return event.getPayload() instanceof InvestigationClosed closed
        && REFUSALS.contains(closed.getOutcome());
  }

  /**
   * A suspension: InvestigationSuspended, or a v1 InvestigationClosed SUSPENDED. It decides
   * nothing.
   */
  public static boolean isSuspension(final CaseEvent event) {
    return event.getPayload() instanceof InvestigationSuspended
        || (event.getPayload() instanceof InvestigationClosed closed
            && closed.getOutcome() == InvestigationOutcome.SUSPENDED);
  }

  /** A decision that ends a check or an investigation: any InvestigationClosed but a suspension. */
  public static boolean isDecision(final CaseEvent event) {
    return event.getPayload() instanceof InvestigationClosed && !isSuspension(event);
  }

  /** The case's registration, if it has one. */
  public Optional<CaseRegistered> registration() {
    return first(CaseRegistered.class).map(event -> (CaseRegistered) event.getPayload());
  }

  /** Whether the victim was under 18, by the registration. */
  public boolean victimIsMinor() {
    return registration()
        .map(registered -> registered.getVictim().getAgeBand() == AgeBand.UNDER_18)
        .orElse(false);
  }

  /**
   * Who held the victim at {@code at}, by the latest custody change at or before it; empty when
   * none was reported.
   */
  public Optional<Custodian> custodianAt(final Instant at) {
    Custodian custodian = null;
    for (final CaseEvent event : all(CustodyChanged.class)) {
      if (!event.getOccurredAt().isAfter(at)) {
        custodian = ((CustodyChanged) event.getPayload()).getInCustodyOf();
      }
    }
    return Optional.ofNullable(custodian);
  }

  /** Whether, at {@code at}, the victim was held by the kind of agency accused of the torture. */
  public boolean inCustodyOfTheAccusedAt(final Instant at) {
    final Optional<CaseRegistered> registered = registration();
    final Agency accused =
        registered.map(CaseRegistered::getPerpetratorAgency).orElse(Agency.UNKNOWN_AGENCY);
    // An agency of unknown or other kind names no one: holding the victim proves nothing about it.
    return accused != Agency.UNKNOWN_AGENCY
        && accused != Agency.OTHER_AGENCY
        && custodianAt(at).filter(custodian -> custodian.name().equals(accused.name())).isPresent();
  }

  /** The decision {@code eventId} names, if the case holds it in force. */
  public Optional<CaseEvent> inForce(final String eventId) {
    return events.stream().filter(event -> event.getEventId().equals(eventId)).findFirst();
  }

  public String caseId() {
    return caseId;
  }

  public Country country() {
    return country;
  }

  public LocalCalendar calendar() {
    return calendar;
  }

  /** The coalition of the latest event stored: the system that publishes the case now. */
  public String coalition() {
    return stored.isEmpty() ? "" : stored.get(stored.size() - 1).getCoalition();
  }

  /** The events in force, in event-time order: retracted events and retractions left out. */
  public List<CaseEvent> events() {
    return events;
  }

  /**
   * Every event stored for the case, retractions and retracted events included, in event-time
   * order.
   */
  public List<CaseEvent> storedEvents() {
    return stored;
  }

  /** How many of the case's events were retracted. */
  public int retractedCount() {
    return retracted;
  }

  /**
   * Lets go of what {@link #all} grouped; it is grouped again if asked for. For facts kept long and
   * read again at most once: a replay keeps each case's latest state unfolded until it ends, and
   * the groups are a map and a list per payload class for the collector to trace for every case.
   */
  public void forgetGroups() {
    byType = null;
  }

  /** Whether the facts hold groups by payload class now (for tests). */
  boolean holdsGroups() {
    return byType != null;
  }

  /** Events whose payload is a {@code type}, in event-time order. */
  public List<CaseEvent> all(final Class<?> type) {
    if (byType == null) {
      byType = new HashMap<>();
      // One pass for every payload class at once: rules ask for a dozen of them on each judgement.
      for (final CaseEvent event : events) {
        byType.computeIfAbsent(event.getPayload().getClass(), c -> new ArrayList<>()).add(event);
      }
      byType.replaceAll((c, matching) -> Collections.unmodifiableList(matching));
    }
    final List<CaseEvent> known = byType.get(type);
    if (known != null) {
      return known;
    }
    // Not the class of any payload: a supertype of some, or of none.
    final List<CaseEvent> matching = new ArrayList<>();
    for (final CaseEvent event : events) {
      if (type.isInstance(event.getPayload())) {
        matching.add(event);
      }
    }
    final List<CaseEvent> all = Collections.unmodifiableList(matching);
    byType.put(type, all);
    return all;
  }

  /** The earliest event whose payload is a {@code type}. */
  public Optional<CaseEvent> first(final Class<?> type) {
    final List<CaseEvent> matching = all(type);
    return matching.isEmpty() ? Optional.empty() : Optional.of(matching.get(0));
  }

  /** The latest event whose payload is a {@code type}. */
  public Optional<CaseEvent> last(final Class<?> type) {
    final List<CaseEvent> matching = all(type);
    return matching.isEmpty() ? Optional.empty() : Optional.of(matching.get(matching.size() - 1));
  }

  /** When the earliest event of {@code type} occurred. */
  public Optional<Instant> firstAt(final Class<?> type) {
    return first(type).map(CaseEvent::getOccurredAt);
  }

  /** The latest occurredAt of any stored event, retractions included; null for no events. */
  public Instant lastEventAt() {
    // Stored events are in event-time order: the last is the latest.
    return stored.isEmpty() ? null : stored.get(stored.size() - 1).getOccurredAt();
  }

  /** The event with {@code eventId} among those stored, retracted or not. */
  public Optional<CaseEvent> stored(final String eventId) {
    return stored.stream().filter(event -> event.getEventId().equals(eventId)).findFirst();
  }
}
