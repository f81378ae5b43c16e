/**
 * The shape of a report message catalogue. Every language implements this interface in full, so
 * a missing or misspelt key is a type error, not a blank in the committee's report.
 * Sentences with numbers are functions of already-formatted strings: the catalogue owns word
 * order, the formatter (./format.ts) owns number style.
 */
export interface Messages {
  readonly htmlLang: string;
  readonly reportTitle: string;
  readonly syntheticNote: string;
  readonly reportDate: (date: string) => string;
  readonly noDate: string;
  readonly tocTitle: string;

  // Page 1: the question, the answer, the money.
  readonly summaryTitle: string;
  readonly questionTitle: string;
  readonly question: (intervention: string, control: string, outcome: string, visit: string) => string;
  readonly answerTitle: string;
  readonly answerBenefit: string;
  readonly answerHarm: string;
  readonly answerUnclear: string;
  readonly answerNotEstimable: string;
  readonly answerDetail: (difference: string, ci: string, p: string, d: string) => string;
  readonly responderLine: (definition: string, interventionLabel: string, intervention: string, controlLabel: string, control: string, difference: string, ci: string) => string;
  /** The same when one arm's responder count is suppressed (1–4 responders or non-responders): no difference is given, it would give the count back. */
  readonly responderLineSuppressed: (definition: string, interventionLabel: string, intervention: string, controlLabel: string, control: string) => string;
  readonly nntLine: (nnt: string) => string;
  readonly safetyLine: (visit: string, events: string) => string;
  readonly safetyNoSignal: (outcomes: string) => string;
  readonly moneyTitle: string;
  readonly moneyCost: (amount: string) => string;
  readonly moneySaving: (amount: string) => string;
  readonly moneyNet: (amount: string) => string;
  readonly moneyTotal: (amount: string, participants: string, years: string) => string;
  readonly moneyProbability: (p: string) => string;
  readonly moneyPayback: (year: string) => string;
  readonly moneyNoPayback: string;
  readonly moneyAbsent: string;
  /** rates: "personlig recovery 19,7 %" items, joined. */
  readonly moneyFromTrial: (rates: string) => string;
  /** After an effect rate pooled over multiple imputations (so it differs from the observed responder rates above). */
  readonly pooledRateNote: string;
  readonly keyFigureDifference: string;
  readonly keyFigureD: string;
  readonly keyFigureP: string;
  readonly keyFigureNet: string;

  // Trial and versions.
  readonly trialTitle: string;
  readonly trialName: string;
  readonly arms: string;
  readonly randomised: string;
  readonly visits: string;
  readonly dataFile: string;
  readonly specFile: string;
  readonly software: string;
  readonly seedLabel: string;
  readonly significance: string;
  readonly significanceValue: (alpha: string, conf: string) => string;
  readonly economicsScenario: string;
  readonly psaLabel: string;
  readonly psaDraws: (draws: string, seed: string) => string;
  readonly privacyNote: string;

  // CONSORT flow.
  readonly consortTitle: string;
  readonly consortIntro: string;
  readonly consortRandomised: (n: string) => string;
  readonly consortAllocated: (arm: string, n: string) => string;
  readonly consortReceived: (n: string) => string;
  readonly consortLost: (visit: string, n: string) => string;
  readonly consortAnalysed: (visit: string, n: string) => string;
  readonly consortStage: { readonly allocation: string; readonly followUp: string; readonly analysis: string };

  // Table 1.
  readonly baselineTitle: string;
  readonly baselineIntro: string;
  readonly characteristic: string;
  readonly standardisedDifference: string;
  readonly meanSd: string;
  readonly medianIqr: string;
  readonly nPercent: string;
  readonly missingCount: (n: string) => string;

  // Outcomes.
  readonly primaryTitle: string;
  readonly primaryIntro: (outcome: string, visit: string) => string;
  readonly adjustedMean: string;
  readonly difference: string;
  readonly cohensD: string;
  readonly pValue: string;
  readonly pAdjusted: string;
  readonly multiplicity: string;
  readonly outcome: string;
  readonly role: string;
  readonly visit: string;
  readonly n: string;
  readonly forestTitle: string;
  readonly forestIntro: (intervention: string) => string;
  readonly forestAxis: (intervention: string) => string;
  readonly favours: (arm: string) => string;
  readonly higherIsWorseNote: string;
  readonly changeTitle: string;
  readonly changeIntro: string;
  readonly changeAxisY: string;
  readonly baselineObserved: string;
  readonly respondersTitle: string;
  readonly respondersIntro: string;
  readonly responderRate: string;
  readonly riskDifference: string;
  readonly percentagePoints: string;
  readonly nnt: string;
  /** Number needed to treat for one more benefit / one more harm (Altman). */
  readonly nntBenefit: string;
  readonly nntHarm: string;
  /** "all but <5": a responder count whose complement (non-responders) is suppressed. */
  readonly allBut: (suppressed: string) => string;
  readonly nntInfinite: string;
  readonly outcomesTableTitle: string;
  readonly outcomesTableCaption: (intervention: string, control: string) => string;

  // Sensitivity.
  readonly sensitivityTitle: string;
  readonly sensitivityIntro: (outcome: string, visit: string) => string;
  readonly estimator: string;
  readonly population: string;
  readonly notEstimable: string;
  readonly notYetRun: (list: string) => string;
  readonly tippingTitle: string;
  /** group: an arm label, or null for both arms; better: the shifted values are better (not worse) than under MAR. */
  readonly tippingDelta: (delta: string, group: string | null, better: boolean) => string;
  readonly tippingNever: (upTo: string) => string;
  readonly tippingNotApplicable: (group: string | null) => string;

  // Safety.
  readonly safetyTitle: string;
  readonly safetyIntro: (outcomes: string) => string;
  readonly participantsWithEvent: string;
  readonly eventsTotal: string;
  readonly rateRatio: string;
  readonly seriousEventsTitle: string;
  readonly event: string;

  // Subgroups.
  readonly subgroupTitle: string;
  readonly subgroupIntro: (outcome: string, visit: string) => string;
  readonly subgroup: string;
  readonly interactionP: (p: string) => string;
  readonly subgroupAxis: string;

  // Economics.
  readonly economicsTitle: string;
  readonly economicsIntro: (title: string) => string;
  readonly cashFlowTitle: string;
  readonly cashFlowAxisY: string;
  readonly year: string;
  readonly payerMunicipality: string;
  readonly payerInvestor: string;
  readonly savingsTitle: string;
  readonly savingsAxis: string;
  readonly administration: string;
  readonly administrations: { readonly social: string; readonly health: string; readonly employment: string };
  readonly psaTitle: string;
  readonly psaSubtitle: (p: string, draws: string) => string;
  readonly psaAxisX: string;
  readonly psaAxisY: string;
  readonly psaLoss: string;
  readonly psaSaving: string;
  readonly tornadoTitle: string;
  readonly tornadoAxis: string;
  readonly tornadoLow: string;
  readonly tornadoHigh: string;
  readonly tornadoBase: (amount: string) => string;
  readonly breakEven: (effect: string, rate: string) => string;
  readonly investorSummary: (prefinancing: string, payments: string, irr: string) => string;

  // Methods and estimands.
  readonly methodsTitle: string;
  readonly methodsIntro: string;
  readonly estimandFields: {
    readonly population: string;
    readonly treatment: string;
    readonly variable: string;
    readonly intercurrentEvents: string;
    readonly summaryMeasure: string;
    readonly missingData: string;
    readonly model: string;
    readonly dfMethod: string;
  };
  readonly treatmentComparison: (intervention: string, control: string) => string;
  readonly variableAtVisit: (outcome: string, visit: string) => string;
  readonly untranslated: string;

  // Chart accessibility and misc.
  readonly chartAlt: (title: string) => string;
  readonly pdfNote: string;
  readonly noRows: string;
  readonly yes: string;
  readonly no: string;

  /** Labels for ids found in results.json; anything not listed falls back to the id, humanised. */
  readonly labels: {
    readonly roles: Readonly<Record<'primary' | 'secondary' | 'exploratory' | 'safety', string>>;
    readonly visits: Readonly<Record<string, string>>;
    readonly estimators: Readonly<Record<string, string>>;
    readonly populations: Readonly<Record<string, string>>;
    readonly levels: Readonly<Record<string, string>>;
    readonly variables: Readonly<Record<string, string>>;
    readonly reasons: Readonly<Record<string, string>>;
    readonly multiplicity: Readonly<Record<string, string>>;
    readonly dfMethods: Readonly<Record<string, string>>;
  };
  /** Estimand wording per population and estimator id, used when results.json's text is in another language. */
  readonly estimandText: {
    readonly population: Readonly<Record<string, string>>;
    readonly intercurrentEvents: Readonly<Record<string, string>>;
    readonly summaryMeasure: Readonly<Record<string, string>>;
    readonly missingData: Readonly<Record<string, string>>;
    /** Words results.json's model field adds after the formula ("…, fitted on each of 50 imputed datasets …"). */
    readonly modelNote: Readonly<Record<string, string>>;
  };
}
