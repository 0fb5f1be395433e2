// The conversation form's script: on load it reads the conversation through Xrm.WebApi with
// FetchXML, links the customer's newest open case to it when it has none, and refreshes the
// customer summary tab. It runs unchanged in Dynamics 365 and in the tests beside it.
/* global Xrm, Microsoft */

/** The app tab that shows the customer summary (its tab template id in the app profile). */
export const summaryTabId = 'tab-id-1';

/**
 * The form's OnLoad handler (register it with "Pass execution context as first parameter").
 * Resolves with what it did, so the form can be tested without reading the DOM.
 * @param {{ getFormContext(): any }} executionContext
 * @returns {Promise<{ conversationId: string, caseId: string | null, linked: boolean } | undefined>}
 */
export async function onLoad(executionContext) {
  const formContext = executionContext.getFormContext();
  const formId = formContext.data.entity.getId();
  const conversationId = bareId(formId || (await Microsoft.Omnichannel.getConversationId()));
  Xrm.Utility.showProgressIndicator('Loading the conversation…');
  try {
    const conversation = await readConversation(conversationId);
    if (!conversation) {
      await Xrm.Navigation.openAlertDialog({ title: 'Conversation', text: 'This conversation no longer exists.' });
      return undefined;
    }
    if (conversation.caseId) return { conversationId, caseId: conversation.caseId, linked: false };
    const found = conversation.customerId ? await findOpenCase(conversation.customerId) : undefined;
    if (!found) {
      formContext.ui.setFormNotification(`No open case for ${conversation.customerName ?? 'this customer'}.`, 'INFO', 'case-link');
      return { conversationId, caseId: null, linked: false };
    }
    await Microsoft.Omnichannel.linkToConversation('incident', found.id, conversationId);
    formContext.ui.setFormNotification(`Case "${found.title}" linked to the conversation.`, 'INFO', 'case-link');
    Microsoft.Apm.refreshTab(summaryTabId);
    return { conversationId, caseId: found.id, linked: true };
  } catch (error) {
    // Xrm.WebApi rejects with { errorCode, message }; Microsoft.Omnichannel with an Error.
    await Xrm.Navigation.openAlertDialog({ title: 'Could not link a case', text: error.message ?? String(error) });
    return undefined;
  } finally {
    Xrm.Utility.closeProgressIndicator();
  }
}

/** The conversation's subject, status, customer and case, with the customer's name from a link to contact. */
async function readConversation(conversationId) {
  const fetchXml = `<fetch top="1">
  <entity name="msdyn_ocliveworkitem">
    <attribute name="subject"/>
    <attribute name="statuscode"/>
    <attribute name="msdyn_customer"/>
    <attribute name="msdyn_issueid"/>
    <filter><condition attribute="activityid" operator="eq" value="${conversationId}"/></filter>
    <link-entity name="contact" from="contactid" to="msdyn_customer" link-type="outer" alias="customer">
      <attribute name="fullname"/>
    </link-entity>
  </entity>
</fetch>`;
  const { entities } = await Xrm.WebApi.retrieveMultipleRecords('msdyn_ocliveworkitem', `?fetchXml=${fetchXml}`);
  const [row] = entities;
  if (!row) return undefined;
  return {
    subject: row.subject,
    status: row['statuscode@OData.Community.Display.V1.FormattedValue'],
    customerId: row._msdyn_customer_value ?? null,
    customerName: row['customer.fullname'] ?? row['_msdyn_customer_value@OData.Community.Display.V1.FormattedValue'],
    caseId: row._msdyn_issueid_value ?? null,
  };
}

/** The customer's newest active case, if any. */
async function findOpenCase(customerId) {
  const fetchXml = `<fetch top="1">
  <entity name="incident">
    <attribute name="title"/>
    <order attribute="createdon" descending="true"/>
    <filter>
      <condition attribute="customerid" operator="eq" value="${customerId}"/>
      <condition attribute="statecode" operator="eq" value="0"/>
    </filter>
  </entity>
</fetch>`;
  const { entities } = await Xrm.WebApi.retrieveMultipleRecords('incident', `?fetchXml=${fetchXml}`);
  return entities[0] && { id: entities[0].incidentid, title: entities[0].title };
}

function bareId(id) {
  return String(id).replace(/[{}]/g, '').toLowerCase();
}
