/** Types of conversationForm.js, for the TypeScript suites beside it. */

/** The app tab that shows the customer summary. */
export declare const summaryTabId: string;

/** The conversation form's OnLoad handler; resolves with what it did. */
export declare function onLoad(executionContext: {
  getFormContext(): unknown;
}): Promise<{ conversationId: string; caseId: string | null; linked: boolean } | undefined>;
